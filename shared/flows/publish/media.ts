import type { DraftAttachment } from '../../core/incident/index.js';
import type { PhotoInput, UploadInput } from '../../networks/types.js';
import type { AppContext } from '../../networks/context.js';

/** Telegram's Bot API serves files up to 20 MB; anything larger, or slower than a minute, is not a photo we wait for. */
export const DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024;
export const DOWNLOAD_TIMEOUT_MS = 60_000;

export class DownloadTooLarge extends Error {}

/** A response body read up to `max` bytes: past it the download is cancelled, not buffered. */
export async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > max) {
    await res.body?.cancel();
    throw new DownloadTooLarge(`file of ${declared} bytes is over ${max}`);
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new DownloadTooLarge(`file over ${max} bytes`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The draft's attachments of the given kinds (photos; videos and documents
 * where the network takes them), fetched from the staff messenger where the
 * executor sent them, so they can be uploaded to the citizen's network. The
 * Bot API serves files up to 20 MB: a larger one fails the download, and the
 * card says why.
 */
export async function draftMedia(
  ctx: AppContext,
  attachments: readonly DraftAttachment[],
  kinds: ReadonlySet<DraftAttachment['kind']> = new Set(['photo']),
): Promise<UploadInput[]> {
  const api = ctx.staffApi;
  const messenger = ctx.staffMessenger;
  if (!api || !messenger) return [];
  const out: UploadInput[] = [];
  for (const a of attachments) {
    if (!kinds.has(a.kind)) continue;
    const file = await api.getFile(a.fileId);
    if (!file.file_path) continue;
    if ((file.file_size ?? 0) > DOWNLOAD_MAX_BYTES) throw new DownloadTooLarge(`telegram file of ${file.file_size} bytes is over ${DOWNLOAD_MAX_BYTES}`);
    // The timeout covers the body too: a server that trickles bytes must not hold the publish job for ever.
    const res = await ctx.outbound.fetch(messenger.fileUrl(file.file_path), { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`${messenger.kind} file download failed: HTTP ${res.status}`);
    const data = await readCapped(res, DOWNLOAD_MAX_BYTES);
    const name = a.fileName ?? (messenger.kind === 'telegram' ? file.file_path.split('/').at(-1) : undefined);
    if (a.kind === 'photo') out.push({ type: 'photo', data, filename: a.fileName ?? 'photo.jpg', contentType: 'image/jpeg' });
    else if (a.kind === 'video') out.push({ type: 'video', data, filename: name ?? 'video.mp4', contentType: 'video/mp4' });
    else out.push({ type: 'document', data, filename: name ?? 'document' });
  }
  return out;
}

/** The draft's photos only: what every network with photo replies takes. */
export async function draftPhotos(ctx: AppContext, attachments: readonly DraftAttachment[]): Promise<PhotoInput[]> {
  return (await draftMedia(ctx, attachments)).filter((m): m is PhotoInput => m.type === 'photo');
}
