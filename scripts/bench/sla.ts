/**
 * `npm run bench -- sla [--n=200000]` — deadlines per second: "detected at a
 * random instant in 2025–2026, + 8 working hours" on the Moscow default
 * schedule and the production calendar, by Otklik's working-time tables and
 * by published npm business-hours libraries configured with the same
 * schedule and holidays. The peers cannot express a transferred working
 * Saturday or a shortened pre-holiday day, so results are compared only on
 * inputs whose span touches neither. Ends with one JSON line (the fastest
 * peer).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { IANAZone } from 'luxon';
import { dayFromParts, isoFromDay, weekdayOf } from '../../shared/core/sla/dates.js';
import { WorkTime } from '../../shared/core/sla/work-time.js';

const require = createRequire(import.meta.url);
const ZONE = 'Europe/Moscow';
const HOURS = 8;
const DAY = 86_400_000;

/** Deterministic inputs: the same every run. */
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

interface Peer {
  name: string;
  /** Returns epoch ms of start + 8 working hours. */
  add(ms: number): number;
}

/** The peers run in process-local time, so the process zone is set to the organisation's while they run. */
function peers(holidays: string[]): Peer[] {
  const out: Peer[] = [];
  const moment = require('moment');
  require('moment-business-time');
  const segments = ['09:00:00', '13:00:00', '14:00:00', '18:00:00'];
  moment.updateLocale(moment.locale(), {
    workinghours: { 0: null, 1: segments, 2: segments, 3: segments, 4: segments, 5: segments, 6: null },
    holidays,
  });
  out.push({ name: 'moment-business-time', add: (ms) => moment(ms).addWorkingTime(HOURS, 'hours').valueOf() });

  const dayjs = require('dayjs');
  dayjs.extend(require('dayjs-business-time'));
  const day = [
    { start: '09:00:00', end: '13:00:00' },
    { start: '14:00:00', end: '18:00:00' },
  ];
  dayjs.setBusinessTime({ sunday: null, monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: null });
  dayjs.setHolidays(holidays);
  out.push({ name: 'dayjs-business-time', add: (ms) => dayjs(ms).addBusinessHours(HOURS).valueOf() });
  return out;
}

function rate(n: number, ms: number): number {
  return Math.round((n / ms) * 1000);
}

export async function run(args: string[]): Promise<void> {
  const nArg = args.find((a) => a.startsWith('--n='));
  const n = nArg ? Number(nArg.slice(4)) : 200_000;
  const random = mulberry32(20250101);
  const from = Date.UTC(2025, 0, 1) - 3 * 3_600_000;
  const to = Date.UTC(2027, 0, 1) - 3 * 3_600_000;
  const inputs = new Float64Array(n);
  for (let i = 0; i < n; i++) inputs[i] = from + Math.floor((random() * (to - from)) / 60_000) * 60_000;

  const wt = new WorkTime({ timezone: ZONE, warn: () => {} });
  const minutes = HOURS * 60;
  // Build the tables and warm the JIT outside the timing, as a long-running worker would have them.
  for (let i = 0; i < Math.min(n, 20_000); i++) wt.addWorkingMinutes(inputs[i]!, minutes);
  const ours = new Float64Array(n);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) ours[i] = wt.addWorkingMinutes(inputs[i]!, minutes);
  const otklikMs = performance.now() - t0;
  const otklikPerS = rate(n, otklikMs);

  // What the peers can express: non-working weekdays as holidays; nothing for working Saturdays or shortened days.
  const special = new Set<number>();
  const holidays: string[] = [];
  for (let d = dayFromParts(2024, 12, 1); d < dayFromParts(2027, 3, 1); d++) {
    const c = wt.calendar.day(d);
    const weekday = weekdayOf(d);
    if (c.off && weekday <= 5) holidays.push(isoFromDay(d));
    // A weekend that works by a weekday's schedule (a transferred working Saturday), or a shortened day.
    if (!c.off && ((weekday >= 6 && c.scheduleOf !== weekday) || c.shorten !== 0)) special.add(d);
  }
  const zone = IANAZone.create(ZONE);
  const localDay = (ms: number) => Math.floor((ms + zone.offset(ms) * 60_000) / DAY);
  const expressible = new Uint8Array(n);
  let compared = 0;
  for (let i = 0; i < n; i++) {
    let ok = 1;
    for (let d = localDay(inputs[i]!); d <= localDay(ours[i]!); d++) if (special.has(d)) ok = 0;
    expressible[i] = ok;
    compared += ok;
  }

  const savedTz = process.env.TZ;
  process.env.TZ = ZONE;
  const results: Array<{ name: string; perS: number; agree: number; otherwise: number; firstDisagreement?: string }> = [];
  try {
    for (const peer of peers(holidays)) {
      for (let i = 0; i < Math.min(n, 2_000); i++) peer.add(inputs[i]!);
      const out = new Float64Array(n);
      const p0 = performance.now();
      for (let i = 0; i < n; i++) out[i] = peer.add(inputs[i]!);
      const peerMs = performance.now() - p0;
      let agree = 0;
      let otherwise = 0;
      let firstDisagreement: string | undefined;
      for (let i = 0; i < n; i++) {
        if (!expressible[i]) {
          if (out[i] !== ours[i]) otherwise++;
          continue;
        }
        if (out[i] === ours[i]) agree++;
        else firstDisagreement ??= `${new Date(inputs[i]!).toISOString()} → otklik ${new Date(ours[i]!).toISOString()}, ${peer.name} ${new Date(out[i]!).toISOString()}`;
      }
      results.push({ name: peer.name, perS: rate(n, peerMs), agree, otherwise, firstDisagreement });
    }
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }

  const fmt = (x: number) => x.toLocaleString('en-US');
  console.log(`sla: ${fmt(n)} deadlines, detected at a random instant in 2025–2026 + ${HOURS} working hours, ${ZONE}, Mon–Fri 09–13/14–18, production calendar`);
  console.log(`  ${'otklik'.padEnd(22)} ${fmt(otklikPerS).padStart(12)} /s`);
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(22)} ${fmt(r.perS).padStart(12)} /s   otklik is ${(otklikPerS / r.perS).toFixed(1)}× faster; agree on ${fmt(r.agree)} of ${fmt(compared)} comparable inputs`,
    );
    if (r.firstDisagreement) console.log(`    first disagreement: ${r.firstDisagreement}`);
  }
  console.log(
    `  ${fmt(n - compared)} inputs touch a working Saturday or a shortened day, which the peers cannot express: not compared` +
      ` (there the peers differ from the production calendar on ${results.map((r) => `${fmt(r.otherwise)} (${r.name})`).join(', ')})`,
  );
  const fastest = results.reduce((a, b) => (b.perS > a.perS ? b : a));
  console.log(
    JSON.stringify({
      bench: 'sla',
      n,
      otklik_per_s: otklikPerS,
      peer: fastest.name,
      peer_per_s: fastest.perS,
      ratio: Number((otklikPerS / fastest.perS).toFixed(1)),
      agree: fastest.agree,
      compared,
    }),
  );
}
