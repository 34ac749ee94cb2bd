import type { JobName, JobPayload } from '../shared/platform/jobs/catalog.js';
import type { AppContext } from '../shared/networks/context.js';

/** One worker job: its handler receives a payload already validated against the catalogue's schema. */
export type JobHandler<N extends JobName> = {
  name: N;
  concurrency: number;
  /** Returns a short outcome for the logs; throws to be retried with backoff. `closing` aborts when the worker shuts down. */
  handle(payload: JobPayload<N>, ctx: AppContext, closing?: AbortSignal): Promise<string>;
};
