import { DateTime, IANAZone } from 'luxon';
import { detectedEvent, type IncidentEvent } from '../../core/incident/events.js';
import { deadlines } from '../../core/sla/deadlines.js';
import { isPresetId, presetIds, presets } from '../../core/sla/profile/presets/index.js';
import { WorkTime } from '../../core/sla/work-time.js';

/**
 * `otklik deadlines --profile ID --detected ISO [--importance LEVEL] [--tz ZONE] [--json]`
 * — the deadlines of an incident detected at that instant and routed at
 * once (to two departments, so co-executor timers show), on the default
 * schedule and the production calendar. The zone is the preset's example
 * organisation's unless --tz is given; an ISO without an offset is read in
 * that zone. JSON keys are the profile's timer ids; instants carry the zone's
 * offset.
 */

const usage = `Usage: otklik deadlines --profile ID --detected ISO [--importance LEVEL] [--tz ZONE] [--json]

  Profiles: ${presetIds.join(', ')}`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const id = option(args, '--profile');
  const detectedText = option(args, '--detected');
  const importance = option(args, '--importance') ?? 'normal';
  if (!id || !detectedText) {
    console.error(usage);
    return 2;
  }
  if (!isPresetId(id)) {
    console.error(`otklik deadlines: unknown profile "${id}"; presets: ${presetIds.join(', ')}`);
    return 2;
  }
  const profile = presets[id];
  const timezone = option(args, '--tz') ?? profile.example.timezone;
  if (!IANAZone.isValidZone(timezone)) {
    console.error(`otklik deadlines: unknown time zone "${timezone}"`);
    return 2;
  }
  if (importance !== 'normal' && !profile.importance?.[importance]) {
    const levels = ['normal', ...Object.keys(profile.importance ?? {})];
    console.error(`otklik deadlines: profile ${id} has no importance "${importance}"; levels: ${levels.join(', ')}`);
    return 2;
  }
  const detected = DateTime.fromISO(detectedText, { zone: timezone, setZone: false });
  if (!detected.isValid) {
    console.error(`otklik deadlines: --detected "${detectedText}" is not an ISO instant (${detected.invalidExplanation ?? detected.invalidReason})`);
    return 2;
  }
  const at = detected.toMillis();
  const workTime = new WorkTime({ timezone, warn: (m) => console.error(`warning: ${m}`) });
  // A sketch incident, triaged at the level and routed the moment it is detected (a profile's own level, "local-fast", too).
  const when = new Date(at);
  const system = { role: 'system' } as const;
  const history: IncidentEvent[] = [
    detectedEvent({ incidentId: 1, network: 'manual', at: when }),
    {
      type: 'triaged',
      data: { topics: ['—'], location: '—', importance, sociallySignificant: false },
      version: 2,
      at: when,
      actor: system,
    },
    { type: 'routed', data: { departments: ['responsible', 'co-executor'], responsible: 'responsible', order: null }, version: 3, at: when, actor: system },
  ];
  const list = deadlines(history, profile, workTime, { includeStopped: true, importance });
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: timezone }).toISO({ suppressMilliseconds: true })!;
  const byTimer = new Map(list.map((d) => [d.timer, d]));
  const order = Object.keys(profile.timers).filter((t) => byTimer.has(t));

  if (args.includes('--json')) {
    const out: Record<string, string> = { profile: id, timezone };
    for (const t of order) out[t] = iso(byTimer.get(t)!.due!);
    console.log(JSON.stringify(out));
    return 0;
  }
  const rows = order.map((t) => {
    const d = byTimer.get(t)!;
    const timer = profile.importance?.[importance]?.timers[t] ?? {};
    const def = { ...profile.timers[t]!, ...timer };
    const span = def.before ? `${def.duration} before ${def.before}` : def.duration;
    // Calendar terms that may not end on a day off (Civil Code art. 193).
    const roll = def.clock === 'calendar' && def.endsOnWorkingDay ? (def.before ? ', off → earlier' : ', off → later') : '';
    return [t, DateTime.fromMillis(d.due!, { zone: timezone }).toFormat('ccc dd.MM.yyyy HH:mm'), `${span} ${def.clock}${roll}`, d.actor, d.clause];
  });
  const head = ['timer', 'due', 'term', 'who', 'clause'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  console.log(`${profile.title} (${id}), ${timezone}; detected ${iso(at)}, importance ${importance}\n`);
  console.log([line(head), ...rows.map(line)].join('\n'));
  return 0;
}
