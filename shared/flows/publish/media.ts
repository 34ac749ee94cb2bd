import type { DraftAttachment } from '../../core/incident/index.js';
import type { PhotoInput } from '../../networks/types.js';
import type { AppContext } from '../../networks/context.js';

/**
 * The draft's photos, fetched from Telegram (where the executor sent them) so
 * they can be uploaded to the citizen's network. Videos and documents are not
 * carried over yet; the card says what was left out.
 */
export async function draftPhotos(ctx: AppContext, attachments: readonly DraftAttachment[]): Promise<PhotoInput[]> {
  const api = ctx.telegram;
  const token = ctx.env.TELEGRAM_BOT_TOKEN;
  if (!api || !token) return [];
  const photos: PhotoInput[] = [];
  for (const a of attachments) {
    if (a.kind !== 'photo') continue;
    const file = await api.getFile(a.fileId);
    if (!file.file_path) continue;
    const res = await ctx.outbound.fetch(`${ctx.env.TELEGRAM_API_ROOT}/file/bot${token}/${file.file_path}`);
    if (!res.ok) throw new Error(`telegram file download failed: HTTP ${res.status}`);
    photos.push({ type: 'photo', data: new Uint8Array(await res.arrayBuffer()), filename: a.fileName ?? 'photo.jpg', contentType: 'image/jpeg' });
  }
  return photos;
}
