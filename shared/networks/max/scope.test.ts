import { describe, expect, it } from 'vitest';
import type { Org } from '../../platform/config/org.js';
import { maxTakes } from './scope.js';

const update = (chat_type: string, chat_id: number) => ({ update_type: 'message_created', message: { recipient: { chat_type, chat_id } } });
const org = (max?: { chats?: number[]; dialogs?: boolean }) => ({ networks: max ? { max } : {} }) as unknown as Org;

describe('maxTakes', () => {
  it('takes everything without networks.max', () => {
    expect(maxTakes(org(), update('chat', -5))).toBe(true);
    expect(maxTakes(org(), update('dialog', 7))).toBe(true);
  });
  it('takes only the listed group chats, and dialogs unless turned off', () => {
    const scoped = org({ chats: [-72] });
    expect(maxTakes(scoped, update('chat', -72))).toBe(true);
    expect(maxTakes(scoped, update('chat', -73))).toBe(false);
    expect(maxTakes(scoped, update('dialog', 7))).toBe(true);
    expect(maxTakes(org({ dialogs: false }), update('dialog', 7))).toBe(false);
    expect(maxTakes(scoped, { update_type: 'message_removed', message_id: 'mid.1', chat_id: -73 })).toBe(true);
  });
});
