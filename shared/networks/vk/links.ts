/**
 * VK's identities and links for what citizens write and what we publish.
 * Source keys name the place as well as the id: VK numbers comments per
 * wall, photo, video and topic, so a photo comment and a wall comment may
 * share a numeric id, and the keys must not collide.
 */
const VK = 'https://vk.com';

export const vkSourceKeys = {
  dm: (peerId: number, messageId: number) => `dm:${peerId}:${messageId}`,
  wall: (ownerId: number, postId: number, commentId: number) => `wall:${ownerId}_${postId}:${commentId}`,
  photo: (ownerId: number, photoId: number, commentId: number) => `photo:${ownerId}_${photoId}:${commentId}`,
  video: (ownerId: number, videoId: number, commentId: number) => `video:${ownerId}_${videoId}:${commentId}`,
  board: (ownerId: number, topicId: number, commentId: number) => `board:${ownerId}_${topicId}:${commentId}`,
  post: (ownerId: number, postId: number) => `post:${ownerId}_${postId}`,
};

export const vkLinks = {
  user: (id: number) => `${VK}/id${id}`,
  /** The dialogue in the community's message inbox, scrolled to the message. */
  dm: (groupId: number, peerId: number, messageId: number) => `${VK}/gim${groupId}?sel=${peerId}&msgid=${messageId}`,
  /** A comment under a post; `thread` is the top comment of the thread it sits in. */
  wallComment: (ownerId: number, postId: number, commentId: number, thread?: number) =>
    `${VK}/wall${ownerId}_${postId}?reply=${commentId}${thread ? `&thread=${thread}` : ''}`,
  post: (ownerId: number, postId: number) => `${VK}/wall${ownerId}_${postId}`,
  photo: (ownerId: number, photoId: number) => `${VK}/photo${ownerId}_${photoId}`,
  video: (ownerId: number, videoId: number) => `${VK}/video${ownerId}_${videoId}`,
  boardPost: (ownerId: number, topicId: number, commentId: number) => `${VK}/topic${ownerId}_${topicId}?post=${commentId}`,
};
