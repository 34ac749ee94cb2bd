/**
 * Citizens commenting on the community's wall through the fake VK Callback
 * API, and the incidents their comments become: shared by the VK end-to-end
 * tests. `h` is a getter because harnesses start in `beforeAll`.
 */
import { eq, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { inboundEvents, incidents } from '../../shared/platform/db/schema.js';
import { until } from '../../shared/sandbox/demo/staff.js';
import { postVkCallback, wallReplyNew } from '../../shared/sandbox/fakes/vk-callback.js';
import type { TestHarness } from './harness.js';

export function vkCitizens(h: () => TestHarness) {
  const db = () => h().system.ctx.database.db;
  const secret = () => h().env.VK_CALLBACK_SECRET!;

  /** One comment under post `postId`, delivered and answered `ok`. */
  async function comment(fromId: number, postId: number, text: string, extra: Partial<Parameters<typeof wallReplyNew>[0]> = {}) {
    const event = wallReplyNew({ groupId: h().vk.group.id, secret: secret(), fromId, postId, text, ...extra });
    expect((await postVkCallback(h().vkWebhookUrl, event)).body).toBe('ok');
    return event;
  }

  /** The incident a comment opened, once the worker has made it. */
  async function incidentOf(event: ReturnType<typeof wallReplyNew>) {
    const key = `wall:-${h().vk.group.id}_${event.object.post_id}:${event.object.id}`;
    return until(async () => (await db().select().from(incidents).where(eq(incidents.sourceKey, key)))[0], `incident ${key}`);
  }

  /** Every delivered event processed by the worker. */
  async function settled() {
    await until(async () => (await db().select().from(inboundEvents).where(isNull(inboundEvents.processedAt))).length === 0 || undefined, 'every event processed');
  }

  return { secret, comment, incidentOf, settled };
}
