/** What an incident tells a template ({имя}, {номер}, {дата}, {срок}, {тема}, {место}), read from PostgreSQL. */
import { eq } from 'drizzle-orm';
import { replay } from '../../core/incident/index.js';
import { answerDue, templateValues, type TemplateValues } from '../../core/templates/index.js';
import { loadEvents } from '../../platform/db/events.js';
import { incidents } from '../../platform/db/schema.js';
import type { AppContext } from '../../networks/context.js';

export async function incidentTemplateValues(ctx: AppContext, incidentId: number): Promise<TemplateValues | null> {
  const { db } = ctx.database;
  const [incident] = await db
    .select({ authorName: incidents.authorName, postedAt: incidents.postedAt })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  const events = await loadEvents(db, incidentId);
  if (!incident || !events.length) return null;
  const settings = ctx.settings;
  const state = replay(events);
  return templateValues({
    incidentId,
    authorName: incident.authorName,
    postedAt: incident.postedAt,
    answerDue: answerDue(events, settings.profile, settings.workTime),
    topics: state.triage?.topics ?? [],
    location: state.triage?.location ?? null,
    timezone: settings.org.timezone,
  });
}
