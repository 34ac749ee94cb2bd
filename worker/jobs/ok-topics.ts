import { okErrorOf } from '../../shared/networks/ok/errors.js';
import { okTopicsOf, pollOkTopics } from '../../shared/networks/ok/topics.js';
import type { JobHandler } from '../job.js';

/**
 * One poll of the OK group's topic comments. A temporary failure (OK down,
 * a rate limit) is logged and left to the next tick, which comes within a
 * minute anyway; a permanent one (a revoked token, a wrong secret) is logged
 * as an error every tick until an admin fixes the configuration.
 */
export const okTopics: JobHandler<'okTopics'> = {
  name: 'okTopics',
  concurrency: 1,
  async handle(_payload, ctx) {
    const { config, reason } = okTopicsOf(ctx);
    if (!config) return reason;
    const r = await pollOkTopics(ctx, config);
    if (!r.ok) {
      const mapped = okErrorOf(r.error);
      const fields = { code: mapped.code, kind: mapped.kind, groupId: config.groupId };
      if (mapped.kind === 'permanent') ctx.log.error(fields, 'OK topic comments cannot be read: check OK_APP_KEY, OK_APP_SECRET, OK_ACCESS_TOKEN and the group id');
      else ctx.log.warn(fields, 'OK topic comments not read this time');
      return `failed: ${mapped.code}`;
    }
    return `${r.topics} topics, ${r.fresh} new comments of ${r.stored} read, ${r.skippedOld} old skipped, ${r.failedTopics} topics failed`;
  },
};
