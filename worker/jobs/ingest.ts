import { ingestEvent } from '../../shared/flows/intake/intake.js';
import type { JobHandler } from '../job.js';

/** A stored inbound event becomes an incident and its card goes to the curators (shared/flows/intake/intake.ts). */
export const ingest: JobHandler<'ingest'> = {
  name: 'ingest',
  concurrency: 8,
  handle: ({ inboundEventId }, ctx) => ingestEvent(ctx, inboundEventId),
};
