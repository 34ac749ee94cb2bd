import type { ProcessRole } from '../schema.js';

/**
 * Every preset restarts routing and the answer when an incident is reopened
 * (a repeat message, or the author disagreed): a repeat "goes through the
 * same procedure" in every document (Zavitinsk п.17, Sobolevo п.20, Ivanovo
 * п.16, Severny п.13 and ПОС п.15).
 */

/** Said on every timer whose document leaves the clock unsaid. */
export const UNSAID = 'the document does not say working or calendar time; the preset counts working time';

/**
 * Escalation is Otklik's default, not the documents' (they name none, beyond
 * reporting deficiencies to the head): a missed executor's timer goes to the
 * curator and the duty officer, a missed curator's or head's to the duty
 * officer, a missed answer deadline also to the head.
 */
export const ESCALATE: Record<'executor' | 'staff' | 'answer', ProcessRole[]> = {
  executor: ['curator', 'duty'],
  staff: ['duty'],
  answer: ['head', 'duty'],
};
