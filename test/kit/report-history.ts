/**
 * A fixed history of three incidents under ivanovo-2020 in Moscow, for the
 * facts tests (not part of the public API). It is a script of staff commands
 * played through the domain: through decide/evolve (`playHistory`) or through
 * the workflow store against PostgreSQL (facts.db.test.ts). Monday 7 and
 * Tuesday 8 April 2025 are ordinary working days (09:00–13:00, 14:00–18:00);
 * the expected facts are counted by hand in facts.test.ts.
 * A's thread is heard after the answer, as VK ingest records it: the author
 * likes our reply, another person likes the citizen's comment, another replies.
 */
import { decide, detectedEvent, evolve, replay, type Actor, type CommandInput, type IncidentEvent } from '../../shared/core/incident/index.js';
import type { Db } from '../../shared/platform/db/client.js';
import { storeInboundEvent } from '../../shared/networks/inbox.js';
import { registerIncident } from '../../shared/flows/intake/incidents.js';
import { execute } from '../../shared/flows/command/store.js';
import { loadState } from '../../shared/platform/db/events.js';
import { refreshFacts } from '../../shared/flows/reports/store.js';
import { people, type TestCommand } from './incident.js';
import { presets, WorkTime } from '../../shared/core/sla/index.js';
import { workflowRules } from '../../shared/core/sla/workflow-rules.js';
import { msk } from './reports.js';

export const profile = presets['ivanovo-2020'];
export const rules = workflowRules(profile);
export const workTime = new WorkTime({ timezone: 'Europe/Moscow' });

/** The incidents: A (answered after one rework, then closed), B (returned and re-routed, its draft late), C (rejected). */
export const A = 1;
export const B = 2;
export const C = 3;
export const networks: Record<number, string> = { [A]: 'vk', [B]: 'ok', [C]: 'vk' };

export type Step = { incidentId: number; at: Date; actor: Actor; command: TestCommand } | { incidentId: number; at: Date; detected: true };

const { curator, roads, housing, system, citizen } = people;
const s = (incidentId: number, at: string, actor: Actor, command: TestCommand): Step => ({ incidentId, at: msk(at), actor, command });
const d = (incidentId: number, at: string): Step => ({ incidentId, at: msk(at), detected: true });

export const TEXT_GREETED = 'Здравствуйте! Яму на ул. Ленина заделают до пятницы.';
/** No greeting: one draft-check warning. */
export const TEXT_BARE = 'Яму на ул. Ленина заделают 11 апреля.';

/** In time order. */
export const steps: Step[] = [
  d(A, '2025-04-07 10:00'),
  s(A, '2025-04-07 10:20', curator, { type: 'triage', topics: ['Дороги'], location: 'Центр', importance: 'normal', sociallySignificant: false }),
  s(A, '2025-04-07 10:30', curator, { type: 'route', departments: ['roads'], order: ['roads'] }),
  s(A, '2025-04-07 10:40', roads, { type: 'take' }),
  s(A, '2025-04-07 10:50', roads, { type: 'start_draft' }),
  s(A, '2025-04-07 11:00', roads, { type: 'submit_draft', kind: 'answer', text: TEXT_GREETED, attachments: [], photoExpected: false }),
  s(A, '2025-04-07 12:45', curator, { type: 'send_to_rework', comment: 'Укажите дату' }),
  s(A, '2025-04-07 14:30', roads, { type: 'submit_draft', kind: 'answer', text: TEXT_BARE, attachments: [], photoExpected: false }),
  s(A, '2025-04-07 15:00', curator, { type: 'approve' }),
  s(A, '2025-04-07 15:10', system, { type: 'mark_published', messageId: 'vk-1' }),
  s(A, '2025-04-07 15:40', citizen, { type: 'citizen_reaction', kind: 'like', byAuthor: true, sourceKey: 'like:comment:-1_501:1' }),
  d(B, '2025-04-07 16:00'),
  s(B, '2025-04-07 16:10', curator, { type: 'triage', topics: ['ЖКХ'], location: 'Заречье', importance: 'normal', sociallySignificant: true }),
  s(B, '2025-04-07 16:20', curator, { type: 'route', departments: ['housing'], order: ['housing'] }),
  s(A, '2025-04-07 16:30', citizen, { type: 'citizen_reaction', kind: 'like', byAuthor: false, sourceKey: 'like:comment:-1_500:7' }),
  s(B, '2025-04-07 16:50', housing, { type: 'return', note: 'Не наша компетенция' }),
  d(C, '2025-04-08 09:00'),
  s(C, '2025-04-08 09:05', curator, { type: 'triage', topics: ['Транспорт'], location: 'Центр', importance: 'normal', sociallySignificant: false }),
  s(C, '2025-04-08 09:10', curator, { type: 'reject', reason: 'abuse' }),
  s(A, '2025-04-08 09:15', citizen, { type: 'citizen_reaction', kind: 'reply', byAuthor: false, sourceKey: 'wall:-1_5:502' }),
  s(B, '2025-04-08 09:30', curator, { type: 'route', departments: ['roads'], order: ['roads'] }),
  s(B, '2025-04-08 09:40', roads, { type: 'take' }),
  s(A, '2025-04-08 10:00', curator, { type: 'close', outcome: 'resolved' }),
];

/** "Now" for the tests: Tuesday 12:30, B's second draft is half an hour overdue. */
export const NOW = msk('2025-04-08 12:30');

/** Plays the script through decide/evolve; every step must be accepted. */
export function playHistory(): Map<number, IncidentEvent[]> {
  const streams = new Map<number, IncidentEvent[]>();
  for (const step of steps) {
    if ('detected' in step) {
      streams.set(step.incidentId, [detectedEvent({ incidentId: step.incidentId, network: networks[step.incidentId]!, at: step.at })]);
      continue;
    }
    const events = streams.get(step.incidentId)!;
    const state = replay(events);
    const decision = decide(state, { expectedVersion: state.version, ...step.command } as CommandInput, step.actor, rules, step.at);
    if (!decision.ok) throw new Error(`step ${step.command.type} on ${step.incidentId} refused: ${decision.reason}/${decision.message}`);
    let next = state;
    for (const e of decision.events) {
      next = evolve(next, e);
      events.push(e);
    }
  }
  return streams;
}

/** The citizens' messages. */
export const texts: Record<number, string> = { [A]: 'Яма на ул. Ленина', [B]: 'Не убирают снег во дворе', [C]: 'Ругательства' };

/**
 * Plays the script into a migrated, empty database as the system does: each
 * message registered, each command executed by the workflow store, then the
 * facts hook, at the step's own time. Incidents get ids 1, 2, 3.
 */
export async function storeHistory(db: Db, messages: Record<number, string> = texts): Promise<void> {
  for (const step of steps) {
    const deps = { profile, workTime, now: step.at };
    if ('detected' in step) {
      const { id: inboundEventId } = await storeInboundEvent(db, { network: 'vk', eventKey: `e${step.incidentId}`, type: 'message_new', payload: {} });
      const { incidentId } = await registerIncident(db, {
        inboundEventId,
        detectedAt: step.at,
        profile: profile.id,
        message: {
          network: networks[step.incidentId] as 'vk',
          kind: 'direct',
          sourceKey: `dm:1:${step.incidentId}`,
          thread: { peerId: 1, messageId: step.incidentId },
          author: { id: '1' },
          text: messages[step.incidentId]!,
          attachments: [],
          postedAt: step.at,
          permalink: `https://vk.com/im?sel=${step.incidentId}`,
        },
      });
      if (incidentId !== step.incidentId) throw new Error(`storeHistory needs an empty database (got incident ${incidentId})`);
      await refreshFacts(db, deps, incidentId);
      continue;
    }
    const state = await loadState(db, step.incidentId);
    const outcome = await execute(db, {
      incidentId: step.incidentId,
      actor: step.actor,
      rules,
      now: step.at,
      command: { ...step.command, expectedVersion: state!.version } as CommandInput,
    });
    if (!outcome.ok) throw new Error(`step ${step.command.type} on ${step.incidentId} refused: ${outcome.reason}`);
    await refreshFacts(db, deps, step.incidentId);
  }
}
