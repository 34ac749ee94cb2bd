/**
 * Personal data has a lifetime (152-ФЗ art. 5 p. 7): an incident closed (or
 * rejected) longer ago than the organisation's retention period is
 * anonymised, its statistics kept; a stored inbound event's raw payload,
 * which only ingest ever reads, goes after the same period whatever became
 * of it. Run daily by the `privacyRetention` job; safe to run any number of
 * times (an anonymised incident is skipped, a cleared payload is not matched).
 */
import { and, isNotNull, lt, sql } from 'drizzle-orm';
import { inboundEvents } from '../../platform/db/schema.js';
import { DEFAULT_RETENTION_DAYS } from '../../platform/config/org-schema.js';
import type { Org } from '../../platform/config/org.js';
import type { Db } from '../../platform/db/client.js';
import type { AppContext } from '../../networks/context.js';
import { evaluateSpikes } from '../alerts/spikes.js';
import { afterAnonymised, anonymiseIncident } from './anonymise.js';
import { ANONYMISED_PAYLOAD } from './author.js';
import { recordPrivacyAction } from './audit.js';

/** Statuses the workflow no longer moves out of by itself: closed (reopened only by a person), rejected and forwarded. */
const FINISHED = ['closed', 'rejected', 'forwarded'] as const;
/** Incidents anonymised per transaction: a day's backlog after a long outage goes in short steps. */
const BATCH = 50;
/**
 * At most this many per run; the next night's run continues. Each one redraws its cards through the
 * staff chats' lanes (about 16 edits a minute in a group): a first run over years of history must not
 * hold up the day's live cards.
 */
const MAX_PER_RUN = 200;

export const retentionDays = (org: Org): number => org.privacy?.retentionDays ?? DEFAULT_RETENTION_DAYS;

export const retentionCutoff = (org: Org, now: Date): Date => new Date(now.getTime() - retentionDays(org) * 86_400_000);

/** Finished incidents not anonymised whose last event is older than the cutoff. */
export async function expiredIncidents(db: Db, cutoff: Date, limit: number): Promise<number[]> {
  const rows = await db.execute<{ id: string | number }>(sql`
    select i.id from incidents i
    where i.anonymised_at is null and i.status in (${sql.join(
      FINISHED.map((s) => sql`${s}`),
      sql`, `,
    )})
      and (select max(e.at) from incident_events e where e.incident_id = i.id) < ${cutoff}
    order by i.id
    limit ${limit}`);
  return rows.rows.map((r) => Number(r.id));
}

export type RetentionResult = { incidents: number; inboundEvents: number };

export async function applyRetention(ctx: AppContext, now: Date = ctx.clock.now()): Promise<RetentionResult> {
  const { db } = ctx.database;
  const cutoff = retentionCutoff(ctx.org, now);
  let done = 0;
  while (done < MAX_PER_RUN) {
    const ids = await expiredIncidents(db, cutoff, BATCH);
    if (!ids.length) break;
    const changed: number[] = [];
    await db.transaction(async (tx) => {
      for (const id of ids) if (await anonymiseIncident(tx, id, now)) changed.push(id);
    });
    for (const id of changed) await afterAnonymised(ctx, id);
    done += ids.length;
  }
  if (done && ctx.staffApi) await evaluateSpikes(ctx);
  const cleared = await db
    .update(inboundEvents)
    .set({ payload: ANONYMISED_PAYLOAD })
    .where(and(isNotNull(inboundEvents.processedAt), lt(inboundEvents.receivedAt, cutoff), sql`not (${inboundEvents.payload} @> '{"anonymised": true}'::jsonb)`))
    .returning({ id: inboundEvents.id });
  if (done || cleared.length) {
    await recordPrivacyAction(db, { action: 'retention', at: now, by: { actor: 'system' }, incidents: done, inboundEvents: cleared.length });
  }
  return { incidents: done, inboundEvents: cleared.length };
}
