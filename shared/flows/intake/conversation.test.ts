import { describe, expect, it } from 'vitest';
import { conversationKey } from './conversation.js';

describe('conversationKey', () => {
  it('names a network conversation by its thread, a dialog apart from a comment thread', () => {
    expect(conversationKey({ network: 'vk', kind: 'comment', thread: { ownerId: -1, postId: 51, commentId: 7 } })).toBe('vk:public:ownerId=-1,postId=51');
    expect(conversationKey({ network: 'vk', kind: 'direct', thread: { peerId: 680001, messageId: 3 } })).toBe('vk:direct:peerId=680001');
  });

  it('gives a hand-registered message none, as its adapter says: it never joins a burst', () => {
    expect(conversationKey({ network: 'manual', kind: 'comment', thread: { registeredBy: 101, postId: 51 } })).toBeNull();
  });
});
