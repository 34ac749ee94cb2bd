import { publishReply } from '../../shared/flows/publish/publish.js';
import type { JobHandler } from '../job.js';

/** An approved reply published in the citizen's network, once (shared/flows/publish/publish.ts); a temporary failure throws to be retried. */
export const publish: JobHandler<'publish'> = {
  name: 'publish',
  concurrency: 4,
  handle: ({ publicationId }, ctx) => publishReply(ctx, publicationId),
};
