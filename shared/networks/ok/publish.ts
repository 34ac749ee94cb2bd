/**
 * Publishing a reply on OK. A citizen's message to the group arrives in a
 * group chat, and the reply goes into that same chat from the group, with
 * photos uploaded through OK's upload service. Comments under group topics
 * cannot be answered as the group through any documented API, so those
 * replies are published by hand (the card says so).
 *
 * OK has no idempotency key for messages: a publish interrupted after OK
 * accepted it and before the database recorded it may need a human look,
 * which capabilities() says.
 */
import { z } from 'zod';
import type { Capabilities, MessageKind, NetworkConnection, PhotoInput, PublishError, PublishResult, Reply, UploadResult } from '../types.js';
import type { OkClient, OkOutgoingAttachment, OkOutgoingMessage } from './client.js';
import { okErrorOf } from './errors.js';

export type OkDeps = {
  client: OkClient;
  /**
   * The pause between uploading photos and sending the message that carries
   * them: OK needs "some time (seconds)" to process an upload
   * (graph.user.fileUploadUrl). Default 2,000 ms.
   */
  uploadSettleMs?: number;
  /** How to wait; tests pass their own. */
  sleep?: (ms: number) => Promise<void>;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * OK does not document a text limit for group chat messages; 4,000
 * characters is what we hold replies to (and what the fake OK enforces), so
 * a long answer is caught at drafting instead of failing at publication.
 */
export const OK_TEXT_MAX = 4000;
/** "Максимальное количество всех приложений 5" (graph.chat.messages). */
export const OK_ATTACHMENTS_MAX = 5;

const thread = z.object({ chatId: z.string().startsWith('chat:') });
const fail = (code: string, reasonKey: string): PublishResult => ({ ok: false, error: { kind: 'permanent', code, reasonKey } });

const repeatable = (error: PublishError): PublishError => (error.kind === 'uncertain' ? { ...error, kind: 'temporary' } : error);

export function okCapabilities(kind: MessageKind): Capabilities {
  const chat = kind === 'direct';
  return {
    maxTextLength: OK_TEXT_MAX,
    supportsEditing: false,
    // The reply lands in the citizen's chat with the group, not attached to one message.
    supportsThreads: false,
    canReplyWithPhoto: chat,
    unconfirmedKey: 'publish-ok-unconfirmed',
    needsManualPublication: chat ? null : 'publish-ok-manual-comment',
    notes: [],
  };
}

export function createOkConnection({ client, uploadSettleMs = 2000, sleep = realSleep }: OkDeps): NetworkConnection {
  async function upload(photo: PhotoInput): Promise<UploadResult> {
    const target = await client.uploadUrl('IMAGE');
    // Nothing reaches the citizen before the message itself: an upload is simply done again.
    if (!target.ok) return { ok: false, error: repeatable(okErrorOf(target.error)) };
    const uploaded = await client.uploadPhoto(target.data.url, photo);
    if (!uploaded.ok) {
      const error: PublishError = uploaded.error.kind === 'api' ? okErrorOf(uploaded.error) : { kind: 'temporary', code: 'upload', reasonKey: 'publish-ok-upload-failed' };
      return { ok: false, error };
    }
    return { ok: true, media: { type: 'uploaded', network: 'ok', ref: uploaded.data.token } };
  }

  return {
    network: 'ok',
    capabilities: okCapabilities,
    // Videos and documents are not carried to OK yet (its capabilities say so, and the card says what was left out).
    uploadMedia: async (media): Promise<UploadResult> =>
      media.type === 'photo' ? upload(media) : { ok: false, error: { kind: 'permanent', code: 'media_unsupported', reasonKey: 'publish-ok-unknown' } },

    async publish(reply: Reply): Promise<PublishResult> {
      const caps = okCapabilities(reply.to.kind);
      if (caps.needsManualPublication) return fail('manual', caps.needsManualPublication);
      const t = thread.safeParse(reply.to.thread);
      if (!t.success) return fail('bad_thread', 'publish-ok-unknown');
      if (reply.text.length > OK_TEXT_MAX) return fail('too_long', 'publish-ok-too-long');
      const media = reply.media ?? [];
      if (media.length > OK_ATTACHMENTS_MAX) return fail('too_many_photos', 'publish-ok-too-many-photos');

      const attachments: OkOutgoingAttachment[] = [];
      let uploadedNow = false;
      for (const item of media) {
        if (item.type === 'uploaded') {
          if (item.network !== 'ok') return fail('foreign_media', 'publish-ok-unknown');
          attachments.push({ type: 'IMAGE', payload: { token: item.ref } });
          continue;
        }
        if (item.type !== 'photo') return fail('media_unsupported', 'publish-ok-unknown');
        const uploaded = await upload(item);
        if (!uploaded.ok) return { ok: false, error: uploaded.error };
        uploadedNow = true;
        attachments.push({ type: 'IMAGE', payload: { token: uploaded.media.ref } });
      }

      const message: OkOutgoingMessage = {
        ...(reply.text !== '' ? { text: reply.text } : {}),
        ...(attachments.length === 1 ? { attachment: attachments[0]! } : attachments.length > 1 ? { attachments } : {}),
      };
      if (uploadedNow && uploadSettleMs > 0) await sleep(uploadSettleMs);
      const sent = await client.sendMessage(t.data.chatId, message);
      if (!sent.ok) return { ok: false, error: okErrorOf(sent.error) };
      // OK answers with the new message's id; should it not, the outbox id still names this reply uniquely.
      return { ok: true, messageId: sent.data.message_id ?? `${t.data.chatId}#${reply.outboxId}` };
    },
  };
}
