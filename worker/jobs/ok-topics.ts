import { pollOkTopicsOnce } from '../../shared/networks/ok/topics.js';
import type { JobHandler } from '../job.js';

/** One poll of the OK group's topic comments: OK pushes nothing for them (shared/networks/ok/topics.ts). */
export const okTopics: JobHandler<'okTopics'> = {
  name: 'okTopics',
  concurrency: 1,
  handle: (_payload, ctx) => pollOkTopicsOnce(ctx),
};
