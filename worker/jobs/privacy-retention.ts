import { applyRetention } from '../../shared/flows/privacy/index.js';
import type { AppContext } from '../../shared/networks/context.js';
import type { JobHandler } from '../job.js';

/** Every night at 03:30 in the organisation's zone: out of working hours, after the day's last cards. */
const PATTERN = '30 3 * * *';

/** Anonymises incidents closed longer ago than the organisation's retention period (152-ФЗ). */
export const privacyRetention: JobHandler<'privacyRetention'> = {
  name: 'privacyRetention',
  concurrency: 1,
  async handle(_payload, ctx) {
    const done = await applyRetention(ctx);
    return `retention: ${done.incidents} incidents anonymised, ${done.inboundEvents} payloads cleared`;
  },
};

/** One scheduler per Redis whatever the replica count; upserting is idempotent. */
export async function schedulePrivacyRetention(ctx: AppContext): Promise<void> {
  await ctx.queues
    .queue('privacyRetention')
    .upsertJobScheduler('privacy-retention-daily', { pattern: PATTERN, tz: ctx.org.timezone }, { name: 'privacyRetention', data: {} });
}
