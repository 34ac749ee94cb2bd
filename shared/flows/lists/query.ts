/**
 * /my, /overdue and /find as indexed queries over the projection
 * (projection.ts): complete, most urgent first, a page at a time, and only
 * what the asker's role may see. Least privilege: an executor without an
 * overseeing role sees the incidents routed to their department or waiting
 * for them by name; curators, heads, duty officers and admins see all.
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { cards, incidentList, incidents } from '../../platform/db/schema.js';
import type { Org, StaffMember } from '../../platform/config/org.js';
import type { Db } from '../../platform/db/client.js';
import { cardStartPayload, type StaffLinks } from '../../staffchat/cards/links.js';

export type ListKind = 'my' | 'overdue' | 'find';
/** Lines per page: two short lines each, well inside Telegram's 4096 characters. */
export const LIST_PAGE_SIZE = 20;

export type ListItem = { id: number; text: string; status: string; nextDue: Date | null; nextTimer: string | null };
export type ListPage = { items: ListItem[]; total: number; page: number; pages: number };

/** Roles that oversee every department and so may see every incident. */
const OVERSEERS = ['curator', 'head', 'duty', 'admin'] as const;

export const overseer = (member: Pick<StaffMember, 'roles'>) => OVERSEERS.some((r) => member.roles.includes(r));

const textArray = (xs: readonly string[]) => sql`array[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

/** The incident waits for this person: by name, as an executor of its department, or by one of their roles. */
function waitsForSql(member: StaffMember): SQL {
  const parts: SQL[] = [sql`${member.telegramId}::bigint = any(${incidentList.holderUsers})`];
  if (member.department !== undefined && member.roles.includes('executor')) parts.push(sql`${member.department} = any(${incidentList.holderDepartments})`);
  if (member.roles.length) parts.push(sql`${incidentList.holderRoles} && ${textArray(member.roles)}`);
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** What the person may see: everything for an overseer, else their department's incidents and what waits for them. */
export function visibleSql(member: StaffMember): SQL {
  if (overseer(member)) return sql`true`;
  const own = member.department !== undefined ? sql`${member.department} = any(${incidentList.departments})` : sql`false`;
  return sql`(${own} or ${waitsForSql(member)})`;
}

/** The words of /find as an ILIKE pattern, wildcards typed by the person taken literally. */
const likePattern = (query: string) => `%${query.replace(/[%_\\]/g, '\\$&')}%`;

/** An incident number as staff type it: «42», «№42», «№ 42». */
export function incidentNumberOf(query: string): number | null {
  const m = /^№?\s*(\d{1,15})$/.exec(query.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export async function listPage(
  db: Db,
  member: StaffMember,
  request: { kind: ListKind; page: number; now: Date; query?: string },
): Promise<ListPage> {
  const { kind, now } = request;
  const conditions: SQL[] = [visibleSql(member)];
  let order: SQL[];
  if (kind === 'my') {
    conditions.push(sql`${incidentList.open}`, waitsForSql(member));
    order = [sql`${incidentList.nextDue} asc nulls last`, asc(incidentList.incidentId)];
  } else if (kind === 'overdue') {
    // The partial index's own condition, then its order: oldest deadline (most overdue) first.
    conditions.push(sql`${incidentList.open}`, sql`${incidentList.nextDue} < ${now}`);
    order = [asc(incidentList.nextDue), asc(incidentList.incidentId)];
  } else {
    const query = (request.query ?? '').trim();
    const number = incidentNumberOf(query);
    // Closed and rejected incidents too; by number exactly, else by words in the text, newest first.
    conditions.push(number !== null ? eq(incidentList.incidentId, number) : sql`${incidents.text} ilike ${likePattern(query)}`);
    order = [desc(incidentList.incidentId)];
  }
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(incidentList)
    .innerJoin(incidents, eq(incidents.id, incidentList.incidentId))
    .where(where);
  const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(request.page) || 1), pages);
  const items = await db
    .select({ id: incidentList.incidentId, text: incidents.text, status: incidentList.status, nextDue: incidentList.nextDue, nextTimer: incidentList.nextTimer })
    .from(incidentList)
    .innerJoin(incidents, eq(incidents.id, incidentList.incidentId))
    .where(where)
    .orderBy(...order)
    .limit(LIST_PAGE_SIZE)
    .offset((page - 1) * LIST_PAGE_SIZE);
  return { items, total, page, pages };
}

/** Whether this person may see this incident (/card, the deep link): the lists' own rule. */
export async function mayView(db: Db, member: StaffMember, incidentId: number): Promise<boolean> {
  // An overseer may see any incident, projected yet or not (a row the reconciler has still to build).
  if (overseer(member)) return (await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, incidentId))).length > 0;
  const [row] = await db
    .select({ id: incidentList.incidentId })
    .from(incidentList)
    .where(and(eq(incidentList.incidentId, incidentId), visibleSql(member)));
  return row !== undefined;
}

/** The chats where this person acts on cards, most fitting first: their role's chats, their department's. */
export function homeChats(member: StaffMember, org: Org): number[] {
  const chats: number[] = [];
  const department = org.departments.find((d) => d.id === member.department);
  if (member.roles.includes('executor') && department?.chat !== undefined) chats.push(department.chat);
  if (member.roles.includes('curator')) chats.push(org.chats.curators);
  if (member.roles.includes('head')) chats.push(org.chats.heads, org.chats.curators);
  if (member.roles.includes('duty')) chats.push(org.chats.duty, org.chats.curators);
  if (member.roles.includes('admin')) chats.push(org.chats.curators);
  return [...new Set(chats)];
}

/**
 * Where each incident's card can be opened by this person: the card message in
 * one of their chats (where the messenger links messages), else the deep link to the private chat.
 */
export async function cardLinks(db: Db, member: StaffMember, org: Org, incidentIds: readonly number[], links: StaffLinks): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const chats = homeChats(member, org);
  if (incidentIds.length && chats.length) {
    const rows = await db
      .select({ incidentId: cards.incidentId, chatId: cards.chatId, messageId: cards.messageId })
      .from(cards)
      .where(and(inArray(cards.incidentId, [...incidentIds]), inArray(cards.chatId, chats), sql`${cards.messageId} is not null`));
    for (const chatId of chats) {
      for (const r of rows) {
        if (r.chatId !== chatId || out.has(r.incidentId)) continue;
        const link = links.messageLink(r.chatId, r.messageId!);
        if (link) out.set(r.incidentId, link);
      }
    }
  }
  const { deepLink } = links;
  if (deepLink) for (const id of incidentIds) if (!out.has(id)) out.set(id, deepLink(cardStartPayload(id)));
  return out;
}
