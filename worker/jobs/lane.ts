import { lanesOf } from '../../shared/staffchat/lanes/runtime.js';
import { pumpLane } from '../../shared/staffchat/lanes/pump.js';
import type { JobHandler } from '../job.js';

/**
 * One run of a staff chat's pump: delivers what Telegram's limits allow now
 * and continues as a delayed run. Many chats drain side by side; a chat that
 * waits holds no slot.
 */
export const lane: JobHandler<'lane'> = {
  name: 'lane',
  concurrency: 16,
  async handle({ chatId, run }, ctx) {
    const rt = lanesOf(ctx);
    if (!rt) return 'no telegram bot configured';
    return pumpLane(rt, chatId, run);
  },
};
