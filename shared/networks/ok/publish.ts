/**
 * Publishing a reply on OK. A citizen's message to the group arrives in a
 * group chat, and the reply goes into that same chat from the group, with
 * photos, videos and documents uploaded through OK's upload service
 * (graph.user.fileUploadUrl: IMAGE, VIDEO, FILE). Comments under group topics
 * cannot be answered as the group through any documented API, so those
 * replies are published by hand (the card says so).
 *
 * OK has no idempotency key for messages: a publish interrupted after OK
 * accepted it and before the database recorded it may need a human look,
 * which capabilities() says.
 */
import { z } from 'zod';
import type { Capabilities, MessageKind, NetworkConnection, PublishError, PublishResult, Reply, UploadInput, UploadResult } from '../types.js';
import type { OkClient, OkFailure, OkOutgoingAttachment, OkOutgoingMessage, OkUploadType } from './client.js';
import { isNotReady, okErrorOf } from './errors.js';

export type OkDeps = {
  client: OkClient;
  /**
   * The pause between uploading files and sending the message that carries
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
/** How often a message whose files OK has not processed yet is sent again within one publish (after 2, 4, 8 × the pause). */
const NOT_READY_RETRIES = 3;
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
    // "Message can contain … IMAGE, VIDEO, AUDIO, FILE" (graph.chat.messages), each uploaded the same three steps.
    canReplyWithVideo: chat,
    canReplyWithDocument: chat,
    unconfirmedKey: 'publish-ok-unconfirmed',
    needsManualPublication: chat ? null : 'publish-ok-manual-comment',
    notes: [],
  };
}

/** What OK calls each kind of upload. */
const uploadType = (media: UploadInput): OkUploadType => (media.type === 'photo' ? 'IMAGE' : media.type === 'video' ? 'VIDEO' : 'FILE');

/**
 * An uploaded file's handle as `uploadMedia` returns it: a photo's token bare (as before videos went to
 * OK), a video's or a file's prefixed with its type, since the message must name the type with the token.
 */
const refOf = (type: OkUploadType, token: string) => (type === 'IMAGE' ? token : `${type}:${token}`);
function attachmentOf(ref: string): OkOutgoingAttachment {
  const typed = /^(VIDEO|FILE):(.+)$/s.exec(ref);
  return typed ? { type: typed[1] as OkUploadType, payload: { token: typed[2]! } } : { type: 'IMAGE', payload: { token: ref } };
}

/** The MIME type OK is told (it asks for a correct one on IMAGE uploads; Telegram gives none for documents). */
const contentTypeOf = (media: UploadInput) =>
  media.contentType ?? (media.type === 'photo' ? 'image/jpeg' : media.type === 'video' ? 'video/mp4' : 'application/octet-stream');

export function createOkConnection({ client, uploadSettleMs = 2000, sleep = realSleep }: OkDeps): NetworkConnection {
  async function upload(media: UploadInput): Promise<UploadResult> {
    const type = uploadType(media);
    const target = await client.uploadUrl(type);
    // Nothing reaches the citizen before the message itself: an upload is simply done again.
    if (!target.ok) return { ok: false, error: repeatable(okErrorOf(target.error)) };
    const file = { data: media.data, contentType: contentTypeOf(media), ...(media.filename ? { filename: media.filename } : {}) };
    if (type === 'IMAGE') {
      const uploaded = await client.uploadPhoto(target.data.url, file);
      if (!uploaded.ok) return { ok: false, error: uploadError(uploaded.error) };
      return { ok: true, media: { type: 'uploaded', network: 'ok', ref: uploaded.data.token } };
    }
    // For VIDEO and FILE the token comes with the URL ("token … для создания аттачмента") and names the file once it is there.
    const token = target.data.token;
    if (!token) return { ok: false, error: { kind: 'permanent', code: 'no_upload_token', reasonKey: 'publish-ok-unknown' } };
    const uploaded = await client.uploadFile(target.data.url, file);
    if (!uploaded.ok) return { ok: false, error: uploadError(uploaded.error) };
    return { ok: true, media: { type: 'uploaded', network: 'ok', ref: refOf(type, token) } };
  }

  return {
    network: 'ok',
    capabilities: okCapabilities,
    uploadMedia: (media): Promise<UploadResult> => upload(media),

    async publish(reply: Reply): Promise<PublishResult> {
      const caps = okCapabilities(reply.to.kind);
      if (caps.needsManualPublication) return fail('manual', caps.needsManualPublication);
      const t = thread.safeParse(reply.to.thread);
      if (!t.success) return fail('bad_thread', 'publish-ok-unknown');
      if (reply.text.length > OK_TEXT_MAX) return fail('too_long', 'publish-ok-too-long');
      const media = reply.media ?? [];
      if (media.length > OK_ATTACHMENTS_MAX) return fail('too_many_attachments', 'publish-ok-too-many-photos');

      const attachments: OkOutgoingAttachment[] = [];
      let uploadedNow = false;
      for (const item of media) {
        if (item.type === 'uploaded') {
          if (item.network !== 'ok') return fail('foreign_media', 'publish-ok-unknown');
          attachments.push(attachmentOf(item.ref));
          continue;
        }
        const uploaded = await upload(item);
        if (!uploaded.ok) return { ok: false, error: uploaded.error };
        uploadedNow = true;
        attachments.push(attachmentOf(uploaded.media.ref));
      }

      const message: OkOutgoingMessage = {
        ...(reply.text !== '' ? { text: reply.text } : {}),
        ...(attachments.length === 1 ? { attachment: attachments[0]! } : attachments.length > 1 ? { attachments } : {}),
      };
      // OK needs "some time (seconds)" to process an upload, videos most: one pause after all of them.
      if (uploadedNow && uploadSettleMs > 0) await sleep(uploadSettleMs);
      let sent = await client.sendMessage(t.data.chatId, message);
      // A file still processing: the same message with the same tokens, after longer pauses, before giving the job back.
      for (let wait = 1; !sent.ok && attachments.length > 0 && isNotReady(sent.error) && wait <= NOT_READY_RETRIES; wait += 1) {
        await sleep(Math.max(uploadSettleMs, 1000) * 2 ** wait);
        sent = await client.sendMessage(t.data.chatId, message);
      }
      if (!sent.ok) return { ok: false, error: okErrorOf(sent.error) };
      // OK answers with the new message's id; should it not, the outbox id still names this reply uniquely.
      return { ok: true, messageId: sent.data.message_id ?? `${t.data.chatId}#${reply.outboxId}` };
    },
  };
}

/** An upload OK refused says why (a file too large); one that broke on the way is done again. */
function uploadError(failure: OkFailure): PublishError {
  return failure.kind === 'api' ? okErrorOf(failure) : { kind: 'temporary', code: 'upload', reasonKey: 'publish-ok-upload-failed' };
}
