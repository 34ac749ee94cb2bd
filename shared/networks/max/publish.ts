/**
 * Publishing a reply on MAX: into the chat the citizen wrote in (their
 * dialog with the bot, or the channel's comments chat), as a reply to their
 * message (`link: {type: 'reply', mid}`), with photos, videos and documents
 * uploaded through MAX's upload service. MAX has no idempotency key for messages: a publish
 * interrupted after MAX accepted it may need a human look (capabilities()).
 */
import { z } from 'zod';
import type { Capabilities, MessageKind, NetworkConnection, PublishResult, Reply, UploadInput, UploadResult } from '../types.js';
import type { MaxApi } from './client.js';
import { maxErrorOf } from './errors.js';
import { uploadToMax, type MaxUploadKind } from './upload.js';

export type MaxDeps = { api: MaxApi };

/** "text: до 4000 символов" (POST /messages). */
export const MAX_TEXT_MAX = 4000;
/** Files in one reply (photos, videos, documents): held to what a citizen can take in, as on OK. */
export const MAX_PHOTOS_MAX = 10;

const thread = z.object({ chatId: z.string().regex(/^-?\d+$/), mid: z.string().min(1) });
const fail = (code: string, reasonKey: string): PublishResult => ({ ok: false, error: { kind: 'permanent', code, reasonKey } });

export function maxCapabilities(_kind: MessageKind): Capabilities {
  return {
    maxTextLength: MAX_TEXT_MAX,
    supportsEditing: false,
    supportsThreads: true,
    canReplyWithPhoto: true,
    // MAX takes videos and files uploaded through its upload service, in dialogs and chats alike.
    canReplyWithVideo: true,
    canReplyWithDocument: true,
    unconfirmedKey: 'publish-max-unconfirmed',
    needsManualPublication: null,
    notes: [],
  };
}

const KIND: Record<UploadInput['type'], MaxUploadKind> = { photo: 'image', video: 'video', document: 'file' };

/** An upload's handle for `uploadMedia`: a photo's token bare (as before videos went to MAX), others prefixed with their kind. */
const refOf = (kind: MaxUploadKind, token: string) => (kind === 'image' ? token : `${kind}:${token}`);
function attachmentOf(ref: string): { type: MaxUploadKind; payload: { token: string } } {
  const [kind, token] = /^(video|file):(.+)$/.exec(ref)?.slice(1) ?? ['image', ref];
  return { type: kind as MaxUploadKind, payload: { token: token! } };
}

export function createMaxConnection({ api }: MaxDeps): NetworkConnection {
  async function upload(media: UploadInput): Promise<UploadResult> {
    const kind = KIND[media.type];
    try {
      const json = (await uploadToMax(api, kind, media.data, media.type === 'document' ? (media.filename ?? 'document') : undefined)) as {
        payload?: { token?: string; photos?: Record<string, { token: string }> };
      };
      const token = json.payload?.token ?? Object.values(json.payload?.photos ?? {})[0]?.token;
      if (!token) return { ok: false, error: { kind: 'temporary', code: 'upload', reasonKey: 'publish-max-upload-failed' } };
      return { ok: true, media: { type: 'uploaded', network: 'max', ref: refOf(kind, token) } };
    } catch (err) {
      // Nothing reaches the citizen before the message itself: an upload is simply done again.
      const error = maxErrorOf(err);
      return { ok: false, error: error.kind === 'uncertain' ? { ...error, kind: 'temporary' } : error };
    }
  }

  return {
    network: 'max',
    capabilities: maxCapabilities,
    uploadMedia: (media) => upload(media),

    async publish(reply: Reply): Promise<PublishResult> {
      const t = thread.safeParse(reply.to.thread);
      if (!t.success) return fail('bad_thread', 'publish-max-unknown');
      if (reply.text.length > MAX_TEXT_MAX) return fail('too_long', 'publish-max-too-long');
      const media = reply.media ?? [];
      if (media.length > MAX_PHOTOS_MAX) return fail('too_many_photos', 'publish-max-too-many-photos');
      const refs: string[] = [];
      for (const item of media) {
        if (item.type === 'uploaded') {
          if (item.network !== 'max') return fail('foreign_media', 'publish-max-unknown');
          refs.push(item.ref);
          continue;
        }
        const uploaded = await upload(item);
        if (!uploaded.ok) return { ok: false, error: uploaded.error };
        refs.push(uploaded.media.ref);
      }
      try {
        const sent = await api.sendMessageToChat(Number(t.data.chatId), reply.text, {
          link: { type: 'reply', mid: t.data.mid },
          ...(refs.length ? { attachments: refs.map(attachmentOf) as never } : {}),
        });
        return { ok: true, messageId: sent.body.mid };
      } catch (err) {
        return { ok: false, error: maxErrorOf(err) };
      }
    },
  };
}
