/**
 * Which chats receive which report, from the organisation file's `reports:`
 * (Ivanovo п.20–21 names three recipients). A kind the file leaves out goes
 * to the heads' chat, as it always did.
 */
import type { Org } from './org-schema.js';

export type ReportKind = 'week' | 'month' | 'quarter' | 'immediate' | 'deficiencies';

/** The chats one kind of report goes to, each once. */
export function reportChats(org: Org, kind: ReportKind): number[] {
  return [...new Set(org.reports?.[kind] ?? [org.chats.heads])];
}

/**
 * Where the day's deficiencies go: each supervisor's chat gets the misses of the departments they supervise;
 * the `deficiencies` chats (the heads' by default) get the rest — the curator's and approver's stages, and
 * departments no supervisor covers.
 */
export function deficiencyRecipients(org: Org): Array<{ chatId: number; accepts: (department: string | null) => boolean }> {
  const supervisors = org.reports?.supervisors ?? [];
  const supervised = new Set(supervisors.flatMap((s) => s.departments));
  const defaults = new Set(reportChats(org, 'deficiencies'));
  const chats = [...new Set([...defaults, ...supervisors.map((s) => s.chat)])];
  return chats.map((chatId) => {
    const own = new Set(supervisors.filter((s) => s.chat === chatId).flatMap((s) => s.departments));
    const rest = defaults.has(chatId);
    return { chatId, accepts: (d) => (d !== null && own.has(d)) || (rest && (d === null || !supervised.has(d))) };
  });
}
