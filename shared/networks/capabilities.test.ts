import { describe, expect, it } from 'vitest';
import { vkCapabilities } from './vk/capabilities.js';
import { photoLeftOut } from './capabilities.js';

const photo = [{ kind: 'photo' as const, fileId: 'AgACAgIAAxk' }];
const video = [{ kind: 'video' as const, fileId: 'BAACAgIAAxk' }];

describe('photoLeftOut', () => {
  it('names why a VK comment answer goes without its photo when there is no user token', () => {
    expect(photoLeftOut(vkCapabilities('comment', { hasUserToken: false }), photo)).toBe('publish-vk-photo-needs-user-token');
    expect(photoLeftOut(vkCapabilities('reply', { hasUserToken: false }), photo)).toBe('publish-vk-photo-needs-user-token');
  });

  it('says nothing when the photo goes along, there is none, or the reply is published by hand anyway', () => {
    expect(photoLeftOut(vkCapabilities('comment', { hasUserToken: true }), photo)).toBeNull();
    expect(photoLeftOut(vkCapabilities('direct', { hasUserToken: false }), photo)).toBeNull();
    expect(photoLeftOut(vkCapabilities('comment', { hasUserToken: false }), [])).toBeNull();
    expect(photoLeftOut(vkCapabilities('comment', { hasUserToken: false }), video)).toBeNull();
    expect(photoLeftOut(vkCapabilities('board_post', { hasUserToken: false }), photo)).toBeNull();
  });
});
