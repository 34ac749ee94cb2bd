import type { Role } from '../schema.js';

/** Said on every timer whose document leaves the clock unsaid. */
export const UNSAID = 'the document does not say working or calendar time; the preset counts working time';

/**
 * Escalation is Otklik's default, not the documents' (they name none, beyond
 * reporting deficiencies to the head): a missed executor's timer goes to the
 * curator and the duty officer, a missed curator's or head's to the duty
 * officer, a missed answer deadline also to the head.
 */
export const ESCALATE: Record<'executor' | 'staff' | 'answer', Role[]> = {
  executor: ['curator', 'duty'],
  staff: ['duty'],
  answer: ['head', 'duty'],
};
