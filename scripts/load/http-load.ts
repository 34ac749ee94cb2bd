/**
 * The benchmarks' HTTP load generator, run as its own process so that the
 * client never shares an event loop with the server it measures:
 * `tsx scripts/load/http-load.ts <url> <requests.jsonl> <concurrency>`.
 * Each line of the file is one POST, `[retryCounter, body]`, sent in file
 * order over `concurrency` keep-alive connections (autocannon's client: raw
 * sockets and llhttp, far cheaper per request than node:http's Agent).
 * Success is VK's: 200 with the body "ok". Prints one JSON line: the wall
 * time from the first request to the last answer, p50/p99/max of each
 * request's time from its write to its answer's end, the failures, and the
 * client's own CPU time; before it, a line "start" when the first request
 * goes and "end" when the last answer is in.
 */
import type { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export type LoadResult = { ms: number; p50: number; p99: number; max: number; failed: number; firstFailure?: string; cpuMs: number };

const [url, file, connections] = process.argv.slice(2);
if (!url || !file || !connections) {
  console.error('usage: http-load.ts <url> <requests.jsonl> <concurrency>');
  process.exit(2);
}

const requests = (await readFile(file, 'utf8'))
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [retry, body] = JSON.parse(line) as [number, string];
    return { body: Buffer.from(body), headers: { 'content-type': 'application/json', ...(retry ? { 'x-retry-counter': String(retry) } : {}) } };
  });
const n = requests.length;
const concurrency = Math.min(Number(connections), n);

// Every connection asks for its next request here, so the file's order is the order of sending.
let next = 0;
const latencies = new Float64Array(n);
let answered = 0;
let failed = 0;
let firstFailure: string | undefined;
const fail = (why: string) => {
  failed++;
  firstFailure ??= why;
};

// "start" and "end" lines mark the load's own span for whoever watches the machine meanwhile (CPU per process).
process.stdout.write('start\n');
const t0 = performance.now();
const cpuAtStart = process.cpuUsage(); // from here: tsx's start-up and reading the file are not the load
let done!: () => void;
const finished = new Promise<void>((resolve) => (done = resolve));
const instance = autocannon({
  url,
  method: 'POST',
  connections: concurrency,
  amount: n,
  timeout: 30,
  requests: [
    {
      setupRequest: (req) => {
        const r = requests[next++ % n]!;
        return { ...req, body: r.body, headers: { ...req.headers, ...r.headers } };
      },
    },
  ],
  verifyBody: (body) => String(body) === 'ok',
}, () => done());
// A wrong status never comes with the body "ok", so the body check counts every failed answer once.
let lastStatus = 0;
// The instance emits (client, status, bytes, ms) per answer and 'reqMismatch'; @types/autocannon describes neither.
const events = instance as unknown as EventEmitter;
// autocannon calls back only at its next one-second sampling tick after the last answer, so the
// wall time ends at the last answer itself: otherwise every run's time is rounded up to a whole tick.
let lastAnswerAt = t0;
let cpuAtEnd: NodeJS.CpuUsage | undefined;
events.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
  lastStatus = status;
  if (answered >= n) return;
  latencies[answered++] = ms;
  lastAnswerAt = performance.now();
  if (answered === n) {
    cpuAtEnd = process.cpuUsage(cpuAtStart);
    process.stdout.write('end\n');
  }
});
events.on('reqMismatch', (body: string) => fail(`HTTP ${lastStatus} ${JSON.stringify(String(body).slice(0, 200))}`));
instance.on('reqError', (err: Error) => fail(String(err)));
await finished;
const ms = lastAnswerAt - t0;

const sorted = latencies.subarray(0, answered).sort();
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
// Answers never received (a dropped connection) are failures too.
if (answered < n) fail(`${n - answered} requests unanswered`);
// The client's own CPU: on a machine whose cores it shares with the server, part of what bounds the rate.
const used = cpuAtEnd ?? process.cpuUsage(cpuAtStart);
const cpuMs = (used.user + used.system) / 1000;
const result: LoadResult = { ms, p50: at(0.5), p99: at(0.99), max: at(1), failed, ...(firstFailure ? { firstFailure } : {}), cpuMs };
console.log(JSON.stringify(result));
