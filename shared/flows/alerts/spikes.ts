/**
 * The activity spike's adapter: reads what the pure detector needs from
 * PostgreSQL, keeps the announced spikes in `alert_spikes`, and posts one
 * alert per spike to the heads' chat through its lane, edited in place as
 * the spike grows and when it ends.
 *
 * Evaluations take turns under one advisory lock and read the incidents
 * inside it, so two workers never both open a spike, and a later
 * evaluation never closes what an earlier one saw growing. The alert is
 * posted in a second step from the committed row (keyed by its id), so a
 * crash in between leaves a row "behind" that the next evaluation — at the
 * latest the reconciler's, every minute — posts.
 */
import { asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { escapeHtml } from '../../staffchat/cards/html.js';
import { suggest } from '../../staffchat/cards/suggest.js';
import type { Org } from '../../platform/config/org.js';
import type { Db } from '../../platform/db/client.js';
import { alertSpikes, incidents } from '../../platform/db/schema.js';
import { t } from '../../platform/i18n.js';
import { postMessage } from '../../staffchat/lanes/index.js';
import { reportChats } from '../../platform/config/org.js';
import type { AppContext } from '../../networks/context.js';
import { textForProcessing } from '../../networks/types.js';
import { spikeConfig } from './config.js';
import {
  baselineWindows,
  currentWindow,
  detectSpikes,
  planSpikes,
  type Dimension,
  type Observation,
  type SpikeConfig,
  type Window,
} from '../../core/analytics/spike.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type SpikeRow = typeof alertSpikes.$inferSelect;

export const spikeAlertKey = (spikeId: number) => `alert-spike-${spikeId}`;
/** How many incidents an alert lists (the newest); the rest are counted, so the text stays far below 4096 characters. */
export const SPIKE_LIST_LIMIT = 30;
const LINE_TEXT = 80;

const lock = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('otklik:alert-spikes'))`);

/** Incidents detected in the windows, not rejected, each with its curator's triage or else the text's suggestion. */
type ObservationRow = { id: string | number; detected_at: Date | string; network: string; kind: string; text: string; triage: { topics?: unknown; location?: unknown } | null };

async function observationRows(db: Db | Tx, where: SQL): Promise<ObservationRow[]> {
  const result = await db.execute<ObservationRow>(sql`
    select i.id, i.detected_at, i.network, i.kind, i.text, t.data as triage
    from ${incidents} i
    left join lateral (
      select e.data from incident_events e where e.incident_id = i.id and e.type = 'triaged' order by e.version desc limit 1
    ) t on true
    where i.status <> 'rejected' and (${where})`);
  return result.rows;
}

function toObservation(r: ObservationRow, org: Org): Observation {
  const triage = r.triage;
  const about =
    triage && Array.isArray(triage.topics) && typeof triage.location === 'string'
      ? { topics: triage.topics.filter((x): x is string => typeof x === 'string'), location: triage.location }
      : // A place only where the text names it: the organisation's default place is no sign of a spike there.
        suggest(textForProcessing(r), org, { orDefault: false });
  return { id: Number(r.id), at: new Date(r.detected_at), topics: about.topics, location: about.location };
}

/** Incidents detected in the windows, not rejected, each with its curator's triage or else the text's suggestion. */
export async function loadObservations(db: Db | Tx, org: Org, windows: readonly Window[]): Promise<Observation[]> {
  if (windows.length === 0) return [];
  const ranges = sql.join(
    windows.map((w) => sql`(i.detected_at > ${w.from.toISOString()}::timestamptz and i.detected_at <= ${w.to.toISOString()}::timestamptz)`),
    sql` or `,
  );
  return (await observationRows(db, ranges)).map((r) => toObservation(r, org));
}

/**
 * Whether an incident counts towards any topic or location. One that does
 * not can neither start nor grow a spike, so its evaluation is skipped (a
 * flood of unattributable messages costs nothing here); spikes still end on
 * time through the reconciler's evaluation.
 */
export async function isAttributed(db: Db, org: Org, incidentId: number): Promise<boolean> {
  const [row] = await observationRows(db, sql`i.id = ${incidentId}`);
  if (!row) return false;
  const o = toObservation(row, org);
  return o.topics.length > 0 || o.location !== null;
}

/** Evaluates every topic and location now: opens, grows and closes spikes, then brings their alerts up to date. */
export async function evaluateSpikes(ctx: AppContext): Promise<string> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const config = spikeConfig(ctx.org);
  const plan = await db.transaction(async (tx) => {
    await lock(tx);
    const observations = await loadObservations(tx, ctx.org, [currentWindow(now, config), ...baselineWindows(now, config, ctx.org.timezone)]);
    const detected = detectSpikes(observations, now, config, ctx.org.timezone);
    const open = await tx.select().from(alertSpikes).where(isNull(alertSpikes.closedAt));
    const plan = planSpikes(
      open.map((s) => ({ id: s.id, dimension: s.dimension as Dimension, value: s.value, incidentIds: s.incidentIds })),
      detected,
    );
    for (const m of plan.open) {
      await tx.insert(alertSpikes).values({
        dimension: m.dimension,
        value: m.value,
        count: m.count,
        baseline: m.baseline,
        incidentIds: m.incidentIds,
        openedAt: now,
      });
    }
    for (const g of plan.grow) {
      await tx
        .update(alertSpikes)
        .set({ incidentIds: g.incidentIds, count: g.measure.count, baseline: g.measure.baseline, version: sql`${alertSpikes.version} + 1` })
        .where(eq(alertSpikes.id, g.spike.id));
    }
    for (const c of plan.close) {
      await tx.update(alertSpikes).set({ closedAt: now, version: sql`${alertSpikes.version} + 1` }).where(eq(alertSpikes.id, c.id));
    }
    return plan;
  });
  const posted = await postBehind(ctx, config);
  return `spikes: ${plan.open.length} opened, ${plan.grow.length} grown, ${plan.close.length} closed, ${posted} alerts posted`;
}

/** Posts every spike alert that is behind its row, in turn under the lock, so an older text never overwrites a newer one. */
async function postBehind(ctx: AppContext, config: SpikeConfig): Promise<number> {
  if (!ctx.staffApi) return 0;
  return ctx.database.db.transaction(async (tx) => {
    await lock(tx);
    const behind = await tx
      .select()
      .from(alertSpikes)
      .where(sql`${alertSpikes.postedVersion} is null or ${alertSpikes.postedVersion} < ${alertSpikes.version}`)
      .orderBy(asc(alertSpikes.id))
      .limit(100);
    for (const spike of behind) {
      const text = await renderSpikeFromDb(tx, spike, { windowMs: config.windowMs, timezone: ctx.org.timezone });
      for (const chatId of reportChats(ctx.org, 'immediate')) {
        await postMessage(ctx, {
          chatId,
          key: spikeAlertKey(spike.id),
          text,
          options: { parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
        });
      }
      await tx.update(alertSpikes).set({ postedVersion: spike.version }).where(eq(alertSpikes.id, spike.id));
    }
    return behind.length;
  });
}

async function renderSpikeFromDb(db: Db | Tx, spike: SpikeRow, opts: { windowMs: number; timezone: string }): Promise<string> {
  const shown = spike.incidentIds.slice(-SPIKE_LIST_LIMIT);
  const rows = shown.length
    ? await db
        .select({ id: incidents.id, network: incidents.network, text: incidents.text })
        .from(incidents)
        .where(inArray(incidents.id, shown))
        .orderBy(asc(incidents.id))
    : [];
  return renderSpikeAlert({ ...spike, dimension: spike.dimension as Dimension, total: spike.incidentIds.length, incidents: rows }, opts);
}

export type SpikeAlert = {
  dimension: Dimension;
  value: string;
  count: number;
  baseline: number;
  /** Every incident of the spike, of which `incidents` are the ones listed. */
  total: number;
  incidents: ReadonlyArray<{ id: number; network: string; text: string }>;
  closedAt: Date | null;
};

const decimal = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > LINE_TEXT ? `${chars.slice(0, LINE_TEXT - 1).join('').trimEnd()}…` : flat;
}

export function formatWindow(windowMs: number): string {
  const minutes = Math.round(windowMs / 60_000);
  return minutes % 60 === 0 ? t('alert-window-hours', { hours: minutes / 60 }) : t('alert-window-minutes', { minutes });
}

/** The heads' alert for one spike (pure). */
export function renderSpikeAlert(s: SpikeAlert, opts: { windowMs: number; timezone: string }): string {
  const what = t(s.dimension === 'topic' ? 'alert-spike-topic' : 'alert-spike-location', { value: escapeHtml(s.value) });
  const lines = [
    t('alert-spike-title', { what }),
    t('alert-spike-count', { count: s.count, window: formatWindow(opts.windowMs), baseline: decimal.format(s.baseline) }),
    '',
  ];
  const earlier = s.total - s.incidents.length;
  if (earlier > 0) lines.push(t('alert-spike-more', { count: earlier }));
  for (const i of s.incidents) {
    const text = i.text.trim() ? escapeHtml(oneLine(i.text)) : `<i>${t('alert-text-empty')}</i>`;
    lines.push(t('alert-spike-line', { id: i.id, network: t(`network-${i.network}`), text }));
  }
  if (s.closedAt) {
    lines.push('', t('alert-spike-ended', { when: DateTime.fromJSDate(s.closedAt, { zone: opts.timezone }).toFormat('dd.MM HH:mm') }));
  }
  return lines.join('\n');
}
