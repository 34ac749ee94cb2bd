import { sendAcknowledgement } from '../../shared/flows/acknowledge/acknowledge.js';
import type { JobHandler } from '../job.js';

/** The citizens' acknowledgement of a routed incident, once (shared/flows/acknowledge/acknowledge.ts); a temporary failure throws to be retried. */
export const acknowledge: JobHandler<'acknowledge'> = {
  name: 'acknowledge',
  concurrency: 4,
  handle: ({ incidentId }, ctx) => sendAcknowledgement(ctx, incidentId),
};
