/**
 * What the fake VK remembers: messages and comments the community created
 * (with VK's idempotency keys, random_id and guid), deleted posts/comments,
 * people, and photo uploads on their way from upload server to save*Photo.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { personFor } from './people.js';

export interface VkGroup {
  id: number;
  name: string;
  screen_name: string;
  type: 'group' | 'page' | 'event';
}

export interface VkSentMessage {
  kind: 'message';
  id: number;
  peerId: number;
  conversationMessageId: number;
  text: string;
  attachment?: string;
  keyboard?: unknown;
  replyTo?: number;
  randomId: number;
  at: number;
}

export interface VkSentComment {
  kind: 'comment';
  id: number;
  ownerId: number;
  postId: number;
  text: string;
  attachments?: string;
  replyToComment?: number;
  parentsStack: number[];
  fromGroup?: number;
  guid?: string;
  at: number;
}

export type VkSent = VkSentMessage | VkSentComment;

export interface VkUserSeed {
  id: number;
  first_name: string;
  last_name: string;
  screen_name?: string;
  /** 'deleted' or 'banned' — VK then hides the name. */
  deactivated?: 'deleted' | 'banned';
}

export interface VkPhoto {
  id: number;
  album_id: number;
  owner_id: number;
  access_key: string;
  date: number;
  text: string;
  has_tags: boolean;
  sizes: Array<{ type: string; width: number; height: number; url: string }>;
}

export interface VkUpload {
  kind: string;
  field: string;
  filename?: string;
  contentType?: string;
  bytes: Buffer;
  server: number;
  hash: string;
  /** The JSON string VK's upload server returns in `photo`. */
  photo: string;
  saved?: VkPhoto;
}

/** A video created by video.save; `bytes` once its upload arrived. */
export interface VkVideo {
  id: number;
  owner_id: number;
  title: string;
  is_private: boolean;
  access_key: string;
  bytes?: Buffer;
  filename?: string;
}

/** A document saved by docs.save from an upload of docs.get*UploadServer. */
export interface VkDoc {
  id: number;
  owner_id: number;
  title: string;
  size: number;
  ext: string;
  /** Where it was uploaded for: a message (`docs_messages`) or a wall (`docs_wall`). */
  kind: string;
  bytes: Buffer;
}

const key = (...parts: Array<string | number>) => parts.join(':');

export class VkState {
  readonly sent: VkSent[] = [];
  readonly uploads: VkUpload[] = [];
  readonly photos = new Map<string, { photo: VkPhoto; bytes: Buffer }>();
  readonly videos = new Map<string, VkVideo>();
  readonly docs = new Map<string, VkDoc>();
  private readonly docUploads = new Map<string, { kind: string; filename: string; bytes: Buffer; saved?: VkDoc }>();
  private lastVideoId = 456_239_000;
  private lastDocId = 670_000_000;
  readonly deletedPosts = new Set<string>();
  readonly deletedComments = new Set<string>();
  /** Peers that have not allowed the community to message them. */
  readonly deniedPeers = new Set<number>();
  readonly users = new Map<number, VkUserSeed>();
  private readonly byRandomId = new Map<string, VkSentMessage>();
  private readonly byGuid = new Map<string, VkSentComment>();
  private readonly conversationIds = new Map<number, number>();
  private readonly commentIds = new Map<number, number>();
  private lastMessageId = 0;
  private lastPhotoId = 457_239_000;

  constructor(private readonly now: () => number) {}

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** A message already sent to this peer with this random_id within the window, if any. */
  findByRandomId(peerId: number, randomId: number, windowMs: number): VkSentMessage | undefined {
    if (randomId === 0) return undefined;
    const found = this.byRandomId.get(key(peerId, randomId));
    return found && this.now() - found.at < windowMs ? found : undefined;
  }

  addMessage(input: Omit<VkSentMessage, 'kind' | 'id' | 'conversationMessageId' | 'at'>): VkSentMessage {
    this.lastMessageId += 1;
    const conversationMessageId = (this.conversationIds.get(input.peerId) ?? 0) + 1;
    this.conversationIds.set(input.peerId, conversationMessageId);
    const message: VkSentMessage = { kind: 'message', id: this.lastMessageId, conversationMessageId, at: this.now(), ...input };
    this.sent.push(message);
    if (input.randomId !== 0) this.byRandomId.set(key(input.peerId, input.randomId), message);
    return message;
  }

  findByGuid(ownerId: number, postId: number, guid: string): VkSentComment | undefined {
    return this.byGuid.get(key(ownerId, postId, guid));
  }

  comment(ownerId: number, commentId: number): VkSentComment | undefined {
    return this.sent.find((s): s is VkSentComment => s.kind === 'comment' && s.ownerId === ownerId && s.id === commentId);
  }

  addComment(input: Omit<VkSentComment, 'kind' | 'id' | 'at'>): VkSentComment {
    // Comment ids are per wall; starting high keeps them apart from ids tests give citizens' comments.
    const id = (this.commentIds.get(input.ownerId) ?? 5_000) + 1;
    this.commentIds.set(input.ownerId, id);
    const comment: VkSentComment = { kind: 'comment', id, at: this.now(), ...input };
    this.sent.push(comment);
    if (input.guid) this.byGuid.set(key(input.ownerId, input.postId, input.guid), comment);
    return comment;
  }

  user(id: number): VkUserSeed {
    const seeded = this.users.get(id);
    if (seeded) return seeded;
    const person = personFor(id);
    return { id, first_name: person.firstName, last_name: person.lastName, screen_name: person.screenName };
  }

  userByScreenName(name: string): VkUserSeed | undefined {
    const numeric = /^(?:id)?(\d+)$/.exec(name);
    if (numeric) return this.user(Number(numeric[1]));
    for (const user of this.users.values()) if (user.screen_name === name) return user;
    return undefined;
  }

  addUpload(kind: string, file: { field: string; filename?: string; contentType?: string; bytes: Buffer }): VkUpload {
    const hash = createHash('md5').update(file.bytes).update(randomBytes(8)).digest('hex');
    const photo = JSON.stringify([
      { markers_restarted: true, photo: `${randomBytes(5).toString('hex')}:w`, sizes: [], latitude: 0, longitude: 0, kid: randomBytes(16).toString('hex') },
    ]);
    const upload: VkUpload = { kind, ...file, server: randomInt(100_000, 999_999), hash, photo };
    this.uploads.push(upload);
    return upload;
  }

  upload(hash: string): VkUpload | undefined {
    return this.uploads.find((u) => u.hash === hash);
  }

  savePhoto(upload: VkUpload, ownerId: number, albumId: number, origin: string): VkPhoto {
    if (upload.saved) return upload.saved;
    this.lastPhotoId += 1;
    const id = this.lastPhotoId;
    const url = `${origin}/photos/photo${ownerId}_${id}.jpg`;
    const photo: VkPhoto = {
      id,
      album_id: albumId,
      owner_id: ownerId,
      access_key: randomBytes(9).toString('hex'),
      date: this.nowSeconds(),
      text: '',
      has_tags: false,
      sizes: [
        { type: 's', width: 75, height: 56, url },
        { type: 'm', width: 130, height: 98, url },
        { type: 'x', width: 604, height: 453, url },
      ],
    };
    upload.saved = photo;
    this.photos.set(`photo${ownerId}_${id}`, { photo, bytes: upload.bytes });
    return photo;
  }

  /** video.save: the video exists, empty, until its file is posted to the upload URL. */
  createVideo(ownerId: number, title: string, isPrivate: boolean): VkVideo {
    this.lastVideoId += 1;
    const video: VkVideo = { id: this.lastVideoId, owner_id: ownerId, title, is_private: isPrivate, access_key: randomBytes(9).toString('hex') };
    this.videos.set(`video${ownerId}_${video.id}`, video);
    return video;
  }

  /** A document upload: VK's upload server answers `{ file }`, which docs.save takes once. */
  addDocUpload(kind: string, filename: string, bytes: Buffer): string {
    const file = `${randomBytes(12).toString('hex')}|${filename}`;
    this.docUploads.set(file, { kind, filename, bytes });
    return file;
  }

  saveDoc(file: string, ownerId: number, title: string | undefined): VkDoc | undefined {
    const upload = this.docUploads.get(file);
    if (!upload) return undefined;
    if (upload.saved) return upload.saved;
    this.lastDocId += 1;
    const ext = /\.([a-z0-9]{1,8})$/i.exec(upload.filename)?.[1]?.toLowerCase() ?? 'dat';
    const doc: VkDoc = { id: this.lastDocId, owner_id: ownerId, title: title || upload.filename, size: upload.bytes.length, ext, kind: upload.kind, bytes: upload.bytes };
    upload.saved = doc;
    this.docs.set(`doc${ownerId}_${doc.id}`, doc);
    return doc;
  }

  reset(): void {
    this.videos.clear();
    this.docs.clear();
    this.docUploads.clear();
    this.sent.length = 0;
    this.uploads.length = 0;
    this.photos.clear();
    this.deletedPosts.clear();
    this.deletedComments.clear();
    this.deniedPeers.clear();
    this.users.clear();
    this.byRandomId.clear();
    this.byGuid.clear();
    this.conversationIds.clear();
    this.commentIds.clear();
  }
}

export const postKey = (ownerId: number, postId: number) => `${ownerId}_${postId}`;
