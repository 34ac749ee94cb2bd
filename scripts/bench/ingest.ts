/**
 * `npm run bench -- ingest [--n=5000] [--concurrency=32] [--wait-s=120] [--profile=DIR]` — VK
 * Callback API deliveries per second into the real system (bots HTTP on an
 * embedded PostgreSQL and a private Redis; fake Telegram, VK and OK in a
 * process of their own, as the real ones are other machines), 10 % of
 * them re-sent as VK does when an answer is slow. Two shapes: production's,
 * the bots here and `otklik worker` as a child process (at a lower CPU
 * priority, as docker-compose runs it), plus a pass with the ingest queue
 * paused and one with the worker ingesting during the flood instead of after
 * it (floodWaitSeconds 0: a flood that outlasts the wait); and everything in
 * one process (`otklik start`). Beside them, the
 * same client against a bare node:http server that only answers "ok", in the
 * same run on the same machine: the ceiling of the HTTP stack and the client
 * themselves. Checks that every distinct event is stored once and becomes one
 * incident, and prints the CPU each part used during each load (the cores are
 * shared by all of them). Ends with one JSON line; its per_s/p50/p99 are
 * production's shape.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { EXAMPLE_ORG, startWiredSystem, vkGroupId, type FakeNetworkUrls } from '../../shared/sandbox/demo/harness.js';
import { loadOrg } from '../../shared/platform/config/org.js';
import { messageNew, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import { silentLogger } from '../../shared/platform/log.js';
import { jobNames } from '../../shared/platform/jobs/catalog.js';
import { ensureServices } from '../../shared/platform/services/index.js';
import { startWorker } from '../../worker/main.js';
import type { LoadResult } from '../load/http-load.js';
import { cpuByCommand } from './cpu.js';

const RESENT_SHARE = 0.1;
// Long enough for V8 to optimise the answer path: the first few thousand callbacks after a start run markedly
// slower than the next (seen with a warm-up of 500).
const WARMUP = 1000;
/**
 * Citizens write again and again; the worker looks each new author up with
 * users.get, which VK limits to 20 calls a second per community, so a run of
 * thousands of never-seen authors would measure VK's limit, not Otklik.
 */
const AUTHORS = 300;

/** Deterministic inputs: the same mix and order every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flag(args: string[], name: string, fallback: number): number {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench ingest: --${name} must be a positive integer`);
  return value;
}

/**
 * `n` deliveries: n − 10 % distinct events (private messages and wall
 * comments from AUTHORS citizens), and 10 % re-sends of them, each placed at a
 * random point after its original — some close enough to race it.
 */
function deliveries(n: number, tag: string, groupId: number, secret: string, seed: number): { requests: Request[]; eventIds: string[] } {
  const random = mulberry32(seed);
  const resent = Math.floor(n * RESENT_SHARE);
  const distinct = n - resent;
  const events = Array.from({ length: distinct }, (_, i) => {
    const fromId = 700_000_000 + (i % AUTHORS);
    const text = `Обращение ${i} ${tag}: во дворе не горит фонарь, прошу починить.`;
    return random() < 0.7
      ? messageNew({ groupId, secret, fromId, text })
      : wallReplyNew({ groupId, secret, fromId, postId: 10 + (i % 50), text });
  });
  const keyed: Array<{ key: number; request: Request }> = events.map((e, i) => ({
    key: i,
    request: { body: Buffer.from(JSON.stringify(e)), retry: 0 },
  }));
  for (let k = 0; k < resent; k++) {
    const i = Math.floor(random() * distinct);
    keyed.push({ key: i + 1e-6 + random() * (distinct - i), request: { body: keyed[i]!.request.body, retry: 1 } });
  }
  keyed.sort((a, b) => a.key - b.key);
  return { requests: keyed.map((k) => k.request), eventIds: events.map((e) => e.event_id) };
}

/** One delivery: the JSON body, serialised before the timing, and VK's X-Retry-Counter (0 for a first send). */
type Request = { body: Buffer; retry: number };
/** CPU milliseconds each part of the system used while one load ran: the cores are shared, so this is what bounds it. */
type CpuSplit = { bots: number; worker: number; postgres: number; redis: number; fakes: number; client: number };
/** The load client's pid goes with its marks: its own CPU is what it reports, not counted again. */
type LoadMarks = { start(clientPid: number | undefined): void; end(clientPid: number | undefined): void };

/**
 * Runs one load and reads the CPU the parts used from its first request to its last answer (the client's
 * "start" and "end" lines): this process (the bots), the worker process, PostgreSQL's and Redis's processes
 * (all started by this run), the fake networks' process, and the load client (as it reports itself over the
 * same span; left out of the /proc readings). Both are "node" too, so they are told apart from the worker by pid.
 */
async function withCpu(fakesPid: number, load: (marks: LoadMarks) => Promise<LoadResult>): Promise<{ result: LoadResult; cpu: CpuSplit }> {
  let before: Record<string, number> = {};
  let after: Record<string, number> = {};
  let own = process.cpuUsage();
  let used = { user: 0, system: 0 };
  const read = (clientPid: number | undefined) => cpuByCommand(process.pid, { [fakesPid]: 'fakes', ...(clientPid ? { [clientPid]: null } : {}) });
  const result = await load({
    start(clientPid) {
      before = read(clientPid);
      own = process.cpuUsage();
    },
    end(clientPid) {
      after = read(clientPid);
      used = process.cpuUsage(own);
    },
  });
  const delta = (command: string) => Math.round(((after[command] ?? 0) - (before[command] ?? 0)) * 1000);
  return {
    result,
    cpu: { bots: Math.round((used.user + used.system) / 1000), worker: delta('node'), postgres: delta('postgres'), redis: delta('redis-server'), fakes: delta('fakes'), client: Math.round(result.cpuMs) },
  };
}

const LOAD_CLIENT = fileURLToPath(new URL('../load/http-load.ts', import.meta.url));

/**
 * Sends every request with `concurrency` in flight over keep-alive
 * connections from a separate process (scripts/load/http-load.ts, autocannon's
 * client), so the load never takes the event loop of the server it measures;
 * the bare server and the bots get the same client. Times each request from
 * its write to the end of its answer. Success is VK's: 200 "ok".
 */
async function fireLoad(url: string, requests: Request[], concurrency: number, dir: string, marks?: LoadMarks): Promise<LoadResult> {
  const file = join(dir, `load-${process.pid}-${loads++}.jsonl`);
  await writeFile(file, requests.map((r) => JSON.stringify([r.retry, r.body.toString('utf8')])).join('\n'));
  const child = spawn(process.execPath, ['--import', 'tsx', LOAD_CLIENT, url, file, String(concurrency)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let seen = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    // The client's "start" and "end" lines: its load's own span, without its start-up and exit.
    const lines = out.split('\n').slice(0, -1);
    for (const line of lines.slice(seen)) (line === 'start' ? marks?.start : line === 'end' ? marks?.end : undefined)?.(child.pid);
    seen = lines.length;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  await rm(file, { force: true });
  const line = out.trim().split('\n').at(-1);
  if (code !== 0 || !line) throw new Error(`bench ingest: the load client exited with ${code}: ${out.slice(0, 500)}`);
  return JSON.parse(line) as LoadResult;
}
let loads = 0;

async function startBare(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/webhooks/vk`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

const WORKER_NICE = 10;

type Pass = { result: LoadResult; cpu: CpuSplit; perS: number; stored: number; incidents: number; drained: boolean; drainMs: number };

/**
 * The worker as its own process, as production runs it (`otklik worker`):
 * the bots' event loop then answers callbacks while another one ingests.
 */
async function spawnWorker(env: Record<string, string>, profileDir: string | null): Promise<{ stop(): Promise<void> }> {
  const cli = fileURLToPath(new URL('../../bin/otklik.js', import.meta.url));
  const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=worker.cpuprofile'] : [];
  // At a lower CPU priority (nice 10; docker-compose gives the worker fewer cpu_shares): when the cores are
  // short, VK's answers come first. Nothing is lost by the worker lagging: an incident's clock starts at the
  // event's received_at, written before the "ok", not when the worker gets to it.
  const child = spawn('nice', ['-n', String(WORKER_NICE), process.execPath, ...prof, cli, 'worker'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const FAKES_NICE = 19;
const FAKE_NETWORKS = fileURLToPath(new URL('../load/fake-networks.ts', import.meta.url));

/**
 * The fake Telegram, VK and OK (scripts/load/fake-networks.ts) as a child process at the lowest CPU priority:
 * the real networks answer from other machines, so here they take only the CPU nothing else wants, and the
 * cards the lanes still deliver after a warm-up no longer run on the bots' event loop during the next load.
 */
async function spawnFakeNetworks(orgPath: string): Promise<{ urls: FakeNetworkUrls; pid: number; stop(): Promise<void> }> {
  const child = spawn('nice', ['-n', String(FAKES_NICE), process.execPath, '--import', 'tsx', FAKE_NETWORKS, orgPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    void exited.then(() => reject(new Error(`bench ingest: the fake networks exited before they started: ${out.slice(0, 500)}`)));
  });
  return {
    urls: JSON.parse(line) as FakeNetworkUrls,
    pid: child.pid!,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}

export async function run(args: string[]): Promise<void> {
  const n = flag(args, 'n', 5000);
  const concurrency = flag(args, 'concurrency', 32);
  // How long to wait for the worker to turn the stored events into incidents.
  const waitMs = flag(args, 'wait-s', 120) * 1000;
  // --profile=DIR: CPU profiles of the bots process during the separate-worker pass's and the paused pass's loads, and of the worker process.
  const profileDir = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length) ?? null;
  const fmt = (x: number) => x.toLocaleString('en-US');
  const ms = (x: number) => x.toFixed(1);

  const dataDir = await mkdtemp(join(tmpdir(), 'otklik-bench-'));
  // mkdtemp makes it 0700; as root, the embedded PostgreSQL runs as "postgres" and must be able to enter it.
  await chmod(dataDir, 0o755);
  const services = await ensureServices({ env: { OTKLIK_DATA_DIR: dataDir }, log: silentLogger });
  try {
    // Bursts off: 300 authors write many times within minutes here, and every message must be its own incident to count.
    // Written to a file, because the worker process reads its organisation from one.
    const orgPath = join(dataDir, 'org.yaml');
    const org = YAML.parse(await readFile(EXAMPLE_ORG, 'utf8')) as Record<string, unknown>;
    await writeFile(orgPath, YAML.stringify({ ...org, ingest: { ...(org.ingest as object | undefined), burstMinutes: 0 } }));
    // The same with the worker ingesting at once during a flood: what a flood longer than floodWaitSeconds costs the answers.
    const noWaitOrgPath = join(dataDir, 'org-no-wait.yaml');
    await writeFile(noWaitOrgPath, YAML.stringify({ ...org, ingest: { ...(org.ingest as object | undefined), burstMinutes: 0, floodWaitSeconds: 0 } }));
    // The fake networks in a process of their own, as the real ones are other machines; the bots (the system
    // without its worker) in this one.
    const fakes = await spawnFakeNetworks(orgPath);
    const h = await startWiredSystem({ databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, log: silentLogger, org: loadOrg(orgPath), urls: fakes.urls, worker: false }).catch(
      async (err: unknown) => {
        await fakes.stop();
        throw err;
      },
    );
    let child: { stop(): Promise<void> } | null = null;
    try {
      const workerEnv = { ...h.envVars, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, OTKLIK_ORG: orgPath, LOG_LEVEL: 'error' };
      const groupId = vkGroupId(h.org);
      const secret = h.env.VK_CALLBACK_SECRET!;
      const pool = h.system.ctx.database.pool;
      const tag = `#bench-${process.pid}-${Date.now()}`;
      const count = async (sql: string, param: string | string[]) => Number((await pool.query<{ c: string }>(sql, [param])).rows[0]!.c);
      const incidentsLike = (t: string) => count(`select count(*) as c from incidents where text like '%' || $1 || ':%'`, t);
      // The webhook's batches go to ingestBatch; the reconciler's strays to ingest.
      const ingestQueues = [h.system.ctx.queues.queue('ingestBatch'), h.system.ctx.queues.queue('ingest')];

      // The bare server first, so the worker's after-work does not run beside it.
      const warmBare = deliveries(WARMUP, `${tag}-bare-warm`, groupId, secret, 1);
      const bare = await startBare();
      let bareResult: LoadResult;
      try {
        await fireLoad(bare.url, warmBare.requests, concurrency, dataDir);
        bareResult = await fireLoad(bare.url, deliveries(n, `${tag}-bare`, groupId, secret, 2).requests, concurrency, dataDir);
      } finally {
        await bare.close();
      }

      // The worker's after-work (cards, alerts) outlives the incidents: a pass starts when no queue has work left.
      const idle = () =>
        until(async () => {
          const counts = await Promise.all(jobNames.map((j) => h.system.ctx.queues.queue(j).getJobCounts('waiting', 'active')));
          return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) === 0);
        }, waitMs);

      /** With --profile, a CPU profile of this process (the bots) while `load` runs. */
      const profiled = async <T>(name: string | null, load: () => Promise<T>): Promise<T> => {
        if (!name || !profileDir) return load();
        const session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
        try {
          return await load();
        } finally {
          const { profile } = await session.post('Profiler.stop');
          await writeFile(join(profileDir, `bots-${name}.cpuprofile`), JSON.stringify(profile));
          session.disconnect();
        }
      };

      /** Warm-up outside the timing (JIT, pools, the worker's first jobs), then n deliveries, then the drain. */
      const pass = async (name: string, seed: number, profile = false): Promise<Pass> => {
        const warm = deliveries(WARMUP, `${tag}-${name}-warm`, groupId, secret, seed * 10 + 1);
        await fireLoad(h.vkWebhookUrl, warm.requests, concurrency, dataDir);
        await until(async () => (await incidentsLike(`${tag}-${name}-warm`)) >= warm.eventIds.length, waitMs);
        await idle();
        const main = deliveries(n, `${tag}-${name}`, groupId, secret, seed * 10 + 2);
        const { result, cpu } = await profiled(profile ? name : null, () => withCpu(fakes.pid, (marks) => fireLoad(h.vkWebhookUrl, main.requests, concurrency, dataDir, marks)));
        const stored = await count(`select count(*) as c from inbound_events where network = 'vk' and event_key = any($1)`, main.eventIds);
        const t0 = performance.now();
        const drained = await until(async () => (await incidentsLike(`${tag}-${name}`)) >= main.eventIds.length, waitMs);
        const drainMs = performance.now() - t0;
        const incidents = await incidentsLike(`${tag}-${name}`);
        return { result, cpu, perS: Math.round((n / result.ms) * 1000), stored, incidents, drained, drainMs };
      };

      // 1. Production's shape: bots here, `otklik worker` as a child process.
      child = await spawnWorker(workerEnv, profileDir);
      const separate = await pass('separate', 1, true);
      // Diagnostic: the ingest queue paused, so nothing but HTTP, the insert and the enqueue runs.
      await idle();
      await Promise.all(ingestQueues.map((q) => q.pause()));
      const aloneRequests = deliveries(n, `${tag}-alone`, groupId, secret, 3).requests;
      const { result: alone, cpu: aloneCpu } = await profiled('paused', () => withCpu(fakes.pid, (marks) => fireLoad(h.vkWebhookUrl, aloneRequests, concurrency, dataDir, marks)));
      await Promise.all(ingestQueues.map((q) => q.resume()));
      await until(async () => (await incidentsLike(`${tag}-alone`)) >= n - Math.floor(n * RESENT_SHARE), waitMs);
      await child.stop();
      child = null;

      // 1b. The same, with the worker ingesting during the flood (floodWaitSeconds 0).
      child = await spawnWorker({ ...workerEnv, OTKLIK_ORG: noWaitOrgPath }, null);
      const noWait = await pass('no-wait', 5);
      await child.stop();
      child = null;

      // 2. Everything in one process (`otklik start`): the worker's jobs share the event loop with the answers.
      const worker = await startWorker(h.system.ctx);
      let single: Pass;
      try {
        single = await pass('single', 4);
      } finally {
        await worker.close();
      }

      const distinct = n - Math.floor(n * RESENT_SHARE);
      const alonePerS = Math.round((n / alone.ms) * 1000);
      const barePerS = Math.round((n / bareResult.ms) * 1000);
      // Said, not assumed: the figures count only if every "ok" followed a durable commit.
      const setting = async (name: string) => (await pool.query<Record<string, string>>(`show ${name}`)).rows[0]![name];
      const durability = `fsync ${await setting('fsync')}, synchronous_commit ${await setting('synchronous_commit')}`;
      console.log(`ingest: ${fmt(n)} VK callbacks over HTTP, ${fmt(n - distinct)} of them re-sent, concurrency ${concurrency}, keep-alive, 127.0.0.1`);
      console.log(`  PostgreSQL ${durability}; worker process at nice ${WORKER_NICE}`);
      console.log(`  ${''.padEnd(28)} ${'per s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  not ok  stored  incidents`);
      const rows: Array<[string, LoadResult, number, Pass | null]> = [
        ['bots + worker process', separate.result, separate.perS, separate],
        ['  ingest queue paused', alone, alonePerS, null],
        ['  worker not waiting', noWait.result, noWait.perS, noWait],
        ['bots and worker in 1 process', single.result, single.perS, single],
        ['bare node:http', bareResult, barePerS, null],
      ];
      for (const [name, r, rate, p] of rows) {
        const tail = p ? `  ${fmt(p.stored).padStart(6)}  ${fmt(p.incidents).padStart(9)}` : '';
        console.log(`  ${name.padEnd(28)} ${fmt(rate).padStart(8)} ${ms(r.p50).padStart(8)} ${ms(r.p99).padStart(8)} ${ms(r.max).padStart(8)}  ${String(r.failed).padStart(6)}${tail}`);
      }
      console.log(`  the bots answer at ${((separate.perS / barePerS) * 100).toFixed(0)} % of the bare server's rate (${((single.perS / barePerS) * 100).toFixed(0)} % in one process)`);
      const whole = (p: Pass) => p.stored === distinct && p.incidents === distinct && p.result.failed === 0;
      for (const [name, p] of [['separate worker', separate], ['not waiting', noWait], ['one process', single]] as const) {
        console.log(
          `  ${name}: stored ${fmt(p.stored)} inbound events for ${fmt(distinct)} distinct (${p.stored === distinct ? 'nothing lost or doubled' : 'MISMATCH'}), ` +
            `incidents ${fmt(p.incidents)}` +
            (p.drained ? `; the worker finished ${(p.drainMs / 1000).toFixed(1)} s after the last "ok"` : `; NOT all after ${waitMs / 1000} s`),
        );
      }
      const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
      console.log(
        `  targets (issue 5), separate worker: ≥ 2,000/s ${mark(separate.perS >= 2000)}; ≥ half the bare rate ${mark(separate.perS * 2 >= barePerS)}; ` +
          `p99 < 50 ms ${mark(separate.result.p99 < 50)}; nothing lost or doubled ${mark(whole(separate))}`,
      );
      const cores = availableParallelism();
      for (const [name, cpu, r] of [
        ['bots + worker process', separate.cpu, separate.result],
        ['ingest queue paused', aloneCpu, alone],
        ['worker not waiting', noWait.cpu, noWait.result],
        ['1 process (its worker counted with the bots)', single.cpu, single.result],
      ] as const) {
        const parts = [['bots', cpu.bots], ['worker', cpu.worker], ['PostgreSQL', cpu.postgres], ['Redis', cpu.redis], ['fake networks', cpu.fakes], ['load client', cpu.client]] as const;
        console.log(
          `  CPU ms during the load, ${name}: ${parts.map(([part, v]) => `${part} ${fmt(v)}`).join(' · ')}` +
            ` (${fmt(Object.values(cpu).reduce((a, b) => a + b, 0))} of the ${fmt(Math.round(r.ms * cores))} that ${cores} cores had)`,
        );
      }
      for (const r of [separate.result, alone, single.result]) if (r.firstFailure) console.log(`  first failure: ${r.firstFailure}`);
      console.log(
        JSON.stringify({
          bench: 'ingest',
          n,
          per_s: separate.perS,
          bare_per_s: barePerS,
          p50_ms: Number(ms(separate.result.p50)),
          p99_ms: Number(ms(separate.result.p99)),
          stored: separate.stored,
          distinct,
          incidents: separate.incidents,
          paused_per_s: alonePerS,
          no_wait: { per_s: noWait.perS, p50_ms: Number(ms(noWait.result.p50)), p99_ms: Number(ms(noWait.result.p99)), stored: noWait.stored, incidents: noWait.incidents },
          cpu_ms: separate.cpu,
          one_process: { per_s: single.perS, p50_ms: Number(ms(single.result.p50)), p99_ms: Number(ms(single.result.p99)), stored: single.stored, incidents: single.incidents },
          concurrency,
          durability,
          failed: separate.result.failed + noWait.result.failed + single.result.failed,
        }),
      );
    } finally {
      await child?.stop();
      await h.stop();
      await fakes.stop();
    }
  } finally {
    await services.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
