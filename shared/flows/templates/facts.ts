/** What an incident tells a template ({имя}, {номер}, {дата}, {срок}, {тема}, {место}), read from PostgreSQL. */
import { eq } from 'drizzle-orm';
import { replay } from '../../core/incident/index.js';
import { answerDue, templateValues, type TemplateValues } from '../../core/templates/index.js';
import { loadEvents } from '../../platform/db/events.js';
import { incidents } from '../../platform/db/schema.js';
import type { AppContext } from '../../networks/context.js';
import { staffSeesAuthor } from '../../staffchat/cards/author.js';

/**
 * `forStaff`: the values go into a draft shown in the staff messenger, so {имя} is left unfilled where the
 * organisation keeps the author's identity out of it (privacy.staffSeesAuthor: false). The receipt sent to the
 * citizen themselves fills it as ever.
 */
export async function incidentTemplateValues(ctx: AppContext, incidentId: number, opts: { forStaff?: boolean } = {}): Promise<TemplateValues | null> {
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
    authorName: opts.forStaff && !staffSeesAuthor(ctx.org) ? null : incident.authorName,
    postedAt: incident.postedAt,
    answerDue: answerDue(events, settings.profile, settings.workTime),
    topics: state.triage?.topics ?? [],
    location: state.triage?.location ?? null,
    timezone: settings.org.timezone,
  });
}
