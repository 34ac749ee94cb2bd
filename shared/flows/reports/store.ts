/**
 * The reporting tables (report_incidents, report_stages): written from the
 * audit by `factsOf`, read back as a ReportInput. Derived data: `rebuildFacts`
 * recomputes every incident (after a calendar or schedule change), and a
 * report first refreshes any incident whose facts are behind its version (a
 * crash between a transition's commit and its hook loses nothing).
 */
import { and, asc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import type { AppContext } from '../../networks/context.js';
import { incidents, reportIncidents, reportStages } from '../../platform/db/schema.js';
import type { Outcome } from '../../core/incident/index.js';
import type { Profile } from '../../core/sla/index.js';
import type { WorkTime } from '../../core/sla/work-time.js';
import { loadEvents } from '../../platform/db/events.js';
import { factsOf } from '../../core/analytics/facts.js';
import { loadPhraseLists } from '../../platform/wordlists/phrase-lists.js';
import type { DraftFact, IncidentFact, Organisation, Period, ReportInput, StageFact } from '../../core/analytics/measures.js';

export type FactsDeps = { profile: Profile; workTime: WorkTime; now: Date };

/** Recomputes one incident's facts from its audit, replacing the old rows in one transaction. */
export async function refreshFacts(db: Db, deps: FactsDeps, incidentId: number): Promise<void> {
  await db.transaction(async (tx) => {
    // The incident's row lock orders this after any transition still committing.
    const [row] = await tx
      .select({ version: incidents.version, text: incidents.text, link: incidents.permalink, authorName: incidents.authorName })
      .from(incidents)
      .where(eq(incidents.id, incidentId))
      .for('update');
    if (!row) return;
    const events = await loadEvents(tx as unknown as Db, incidentId);
    if (events.length === 0) return;
    const { incident: f, stages } = factsOf(events, deps.profile, deps.workTime, deps.now, { message: row, phraseLists: loadPhraseLists() });
    const values = {
      version: row.version,
      network: f.network,
      topics: [...f.topics],
      location: f.location,
      receivedAt: f.receivedAt,
      lastActivityAt: events.at(-1)!.at,
      rejected: f.rejected,
      forwardedTo: f.forwardedTo,
      rating: f.rating,
      sociallySignificant: f.sociallySignificant,
      repeatOf: f.repeatOf,
      firstReplyAt: f.firstReply?.at ?? null,
      firstReplyWorkingMinutes: f.firstReply?.workingMinutes ?? null,
      interimAt: f.interimAt,
      answeredAt: f.answeredAt,
      closedAt: f.closedAt,
      outcome: f.outcome,
      engagement: f.engagement,
      reacted: f.reacted,
      excerpt: f.excerpt,
      link: f.link,
      returns: f.returns.map((r) => ({ department: r.department, at: r.at.toISOString() })),
      drafts: f.drafts.map((d) => ({ ...d, submittedAt: d.submittedAt.toISOString() })),
      extendedDays: f.extendedDays ?? 0,
      agreedTerm: f.agreedTerm ?? false,
      successStoryAt: f.successStory?.at ?? null,
      successStoryLink: f.successStory?.link ?? null,
    };
    await tx
      .insert(reportIncidents)
      .values({ incidentId, ...values })
      .onConflictDoUpdate({ target: reportIncidents.incidentId, set: values });
    await tx.delete(reportStages).where(eq(reportStages.incidentId, incidentId));
    if (stages.length) {
      await tx.insert(reportStages).values(
        stages.map((s) => ({
          incidentId,
          stage: s.stage,
          department: s.department,
          executorId: s.executorId,
          startedAt: s.startedAt,
          dueAt: s.dueAt,
          endedAt: s.endedAt,
          met: s.met,
          workingMinutes: Math.round(s.workingMinutes),
          calendarMinutes: Math.round(s.calendarMinutes),
        })),
      );
    }
  });
}

/** Recomputes every incident's facts (a changed calendar, schedule or profile). Returns how many. */
export async function rebuildFacts(db: Db, deps: FactsDeps): Promise<number> {
  const ids = await db.select({ id: incidents.id }).from(incidents).orderBy(asc(incidents.id));
  for (const { id } of ids) await refreshFacts(db, deps, id);
  return ids.length;
}

/** Incidents whose facts are missing or behind their version. */
export async function staleFacts(db: Db): Promise<number[]> {
  const rows = await db
    .select({ id: incidents.id })
    .from(incidents)
    .leftJoin(reportIncidents, eq(reportIncidents.incidentId, incidents.id))
    .where(or(isNull(reportIncidents.incidentId), ne(reportIncidents.version, incidents.version)));
  return rows.map((r) => r.id);
}

export type LoadOptions = {
  organisation: Organisation;
  names?: ReportInput['names'];
  /** Brings stale facts up to date first; without it the tables are read as they are. */
  refresh?: FactsDeps;
};

/** The facts a report of `period` needs, as of `asOf`: what happened in it, and every stage still open. */
export async function loadReportInput(db: Db, period: Period, asOf: Date, opts: LoadOptions): Promise<ReportInput> {
  if (opts.refresh) for (const id of await staleFacts(db)) await refreshFacts(db, opts.refresh, id);
  const until = new Date(Math.max(period.to.getTime(), asOf.getTime()));
  const incidentRows = await db
    .select()
    .from(reportIncidents)
    .where(and(lt(reportIncidents.receivedAt, until), gte(reportIncidents.lastActivityAt, period.from)));
  const stageRows = await db
    .select({ s: reportStages, network: reportIncidents.network, topics: reportIncidents.topics, location: reportIncidents.location })
    .from(reportStages)
    .innerJoin(reportIncidents, eq(reportIncidents.incidentId, reportStages.incidentId))
    .where(and(lt(reportStages.startedAt, until), or(isNull(reportStages.endedAt), gte(reportStages.endedAt, period.from))))
    .orderBy(asc(reportStages.startedAt), asc(reportStages.id));
  const stages = stageRows.map(({ s, network, topics, location }) => toStageFact(s, { network, topics, location }));
  const incidentFacts = incidentRows.map(toIncidentFact);
  // Top messages count later repeats of an incident: make sure the earlier one is read too.
  const known = new Set(incidentFacts.map((i) => i.incidentId));
  const missing = [...new Set(incidentFacts.map((i) => i.repeatOf).filter((id): id is number => id !== null && !known.has(id)))];
  if (missing.length) {
    const extra = await db.select().from(reportIncidents).where(inArray(reportIncidents.incidentId, missing));
    incidentFacts.push(...extra.map(toIncidentFact));
  }
  incidentFacts.sort((a, b) => a.incidentId - b.incidentId);
  return {
    organisation: opts.organisation,
    period,
    asOf,
    incidents: incidentFacts,
    stages,
    ...(opts.names ? { names: opts.names } : {}),
    workingMinutesBetween: opts.refresh ? (a, b) => opts.refresh!.workTime.workingMinutesBetween(a, b) : undefined,
  };
}

/** A reporting-table stage row with its incident's network, topics and place: one StageFact. */
function toStageFact(
  s: typeof reportStages.$inferSelect,
  i: { network: string; topics: readonly string[]; location: string | null },
): StageFact {
  return {
    incidentId: s.incidentId,
    network: i.network,
    topics: i.topics,
    location: i.location,
    department: s.department,
    executorId: s.executorId,
    stage: s.stage,
    startedAt: s.startedAt,
    dueAt: s.dueAt,
    endedAt: s.endedAt,
    met: s.met,
    workingMinutes: s.workingMinutes,
    calendarMinutes: s.calendarMinutes,
  };
}

/** Stages whose due fell in [from, to) before `asOf` and were not met by it: ended late, or still open. */
export async function missesBetween(db: Db, from: Date, to: Date, asOf: Date): Promise<(StageFact & { excerpt: string })[]> {
  const rows = await db
    .select({ s: reportStages, i: reportIncidents })
    .from(reportStages)
    .innerJoin(reportIncidents, eq(reportIncidents.incidentId, reportStages.incidentId))
    .where(
      and(
        gte(reportStages.dueAt, from),
        lt(reportStages.dueAt, new Date(Math.min(to.getTime(), asOf.getTime()))),
        or(eq(reportStages.met, false), and(isNull(reportStages.endedAt), sql`${reportStages.dueAt} is not null`)),
      ),
    )
    .orderBy(asc(reportStages.dueAt), asc(reportStages.incidentId));
  return rows.map(({ s, i }) => ({ ...toStageFact(s, i), excerpt: i.excerpt }));
}

function toIncidentFact(r: typeof reportIncidents.$inferSelect): IncidentFact {
  return {
    incidentId: r.incidentId,
    network: r.network,
    topics: r.topics,
    location: r.location,
    receivedAt: r.receivedAt,
    rejected: r.rejected,
    forwardedTo: r.forwardedTo,
    rating: r.rating,
    sociallySignificant: r.sociallySignificant,
    repeatOf: r.repeatOf,
    extendedDays: r.extendedDays,
    agreedTerm: r.agreedTerm,
    successStory: r.successStoryAt && r.successStoryLink ? { at: r.successStoryAt, link: r.successStoryLink } : null,
    firstReply: r.firstReplyAt ? { at: r.firstReplyAt, workingMinutes: r.firstReplyWorkingMinutes ?? 0 } : null,
    interimAt: r.interimAt,
    answeredAt: r.answeredAt,
    returns: r.returns.map((x) => ({ department: x.department, at: new Date(x.at) })),
    drafts: r.drafts.map((d) => ({ ...(d as Omit<DraftFact, 'submittedAt'>), submittedAt: new Date(d.submittedAt as string) })),
    closedAt: r.closedAt,
    outcome: r.outcome as Outcome | null,
    engagement: r.engagement,
    reacted: r.reacted,
    excerpt: r.excerpt,
    link: r.link,
  };
}

/**
 * The hook after a transition or a new incident. Never fails the caller: the
 * transition is already committed, and facts left behind are refreshed
 * before the next report (`staleFacts`).
 */
export async function recordFacts(ctx: AppContext, incidentId: number): Promise<void> {
  try {
    await refreshFacts(ctx.database.db, factsDeps(ctx), incidentId);
  } catch (err) {
    ctx.log.warn({ err, incidentId }, 'report facts not refreshed; the next report will');
  }
}

export function factsDeps(ctx: AppContext): FactsDeps {
  return { profile: ctx.profile, workTime: ctx.workTime, now: ctx.clock.now() };
}
