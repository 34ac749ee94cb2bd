import { ingestBatch as ingestStoredBatch } from '../../shared/flows/intake/batch.js';
import type { JobHandler } from '../job.js';

/**
 * The events the webhooks stored in one group commit (see the catalogue), each
 * ingested as by the `ingest` job; during a flood, after it (shared/flows/intake/batch.ts).
 */
export const ingestBatch: JobHandler<'ingestBatch'> = {
  name: 'ingestBatch',
  concurrency: 2,
  handle: (payload, ctx, closing) => ingestStoredBatch(ctx, payload, closing),
};
