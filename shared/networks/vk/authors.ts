import type { VK } from 'vk-io';
import type { Logger } from '../../platform/log.js';

/**
 * Citizens' display names from users.get, cached: the same people write again
 * and again, and VK limits a community to 20 calls a second. A failed lookup
 * is not an error worth losing a message over: the card shows the id instead.
 */
export function createVkAuthors(vk: VK, log: Logger, capacity = 10_000) {
  const cache = new Map<string, string>();
  return {
    async name(userId: string): Promise<string | undefined> {
      const hit = cache.get(userId);
      if (hit) return hit;
      try {
        const [user] = await vk.api.users.get({ user_ids: [userId] });
        if (!user) return undefined;
        const name = `${user.first_name} ${user.last_name}`.trim();
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
        cache.set(userId, name);
        return name;
      } catch (err) {
        log.warn({ err: (err as Error).message, network: 'vk' }, 'users.get failed; the card shows the author id');
        return undefined;
      }
    },
  };
}
export type VkAuthors = ReturnType<typeof createVkAuthors>;
