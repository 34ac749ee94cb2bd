/** Turning a digest's page: what the staff bot calls when someone presses ‹ or ›. */
import type { AppContext } from '../../networks/context.js';
import { turnDigest } from './digest-store.js';
import { itemKey } from './items/index.js';
import { offerItem } from './offer.js';
import { lanesOf } from './runtime.js';

/** Shows `page` of the digest (its chat's edit line, at the front); false when there is no such digest. */
export async function showDigestPage(ctx: AppContext, digestId: number, page: number): Promise<boolean> {
  const rt = lanesOf(ctx);
  if (!rt) return false;
  const digest = await turnDigest(ctx.database.db, digestId, page);
  if (!digest) return false;
  await offerItem(rt, digest.chatId, {
    item: itemKey('d', digest.id),
    version: digest.version,
    kind: digest.messageId === null ? 'send' : 'edit',
    front: true,
  });
  return true;
}
