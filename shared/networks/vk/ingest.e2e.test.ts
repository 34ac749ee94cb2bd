/**
 * Every VK event type through the real system (bots, worker, PostgreSQL,
 * Redis; VK and Telegram fakes): new messages of every kind become one
 * incident each, while edits and deletions are processed without opening
 * incidents of their own.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/kit/db.js';
import { freshRedis } from '../../../test/kit/redis.js';
import { inboundEvents, incidents } from '../../platform/db/schema.js';
import { startHarness, type Harness } from '../../sandbox/demo/harness.js';
import {
  boardPostNew,
  photoCommentNew,
  postVkCallback,
  type VkCallbackEnvelope,
  videoCommentNew,
  wallPostNew,
  wallReplyDelete,
  wallReplyEdit,
  wallReplyNew,
} from '../../sandbox/fakes/vk-callback.js';
import { silentLogger } from '../../platform/log.js';

let h: Harness;
let dropDb: () => Promise<void>;

beforeAll(async () => {
  const db = await freshDatabase();
  const redis = await freshRedis();
  dropDb = db.drop;
  h = await startHarness({ databaseUrl: db.url, redisUrl: redis.url, queuePrefix: redis.prefix, log: silentLogger });
});
afterAll(async () => {
  await h?.stop();
  await dropDb?.();
});

const db = () => h.system.ctx.database.db;

async function deliver(event: VkCallbackEnvelope): Promise<string> {
  const res = await postVkCallback(h.vkWebhookUrl, event);
  expect(res).toMatchObject({ status: 200, body: 'ok' });
  let outcome: string | null = null;
  const deadline = Date.now() + 10_000;
  while (!outcome) {
    const [row] = await db().select().from(inboundEvents).where(eq(inboundEvents.eventKey, event.event_id));
    outcome = row?.outcome ?? null;
    if (Date.now() > deadline) throw new Error(`${event.type} was not processed in time`);
    if (!outcome) await new Promise((r) => setTimeout(r, 25));
  }
  return outcome;
}

const rowsId = (rows: Array<{ id: number }>) => rows[0]!.id;

describe('every VK event type through the system', () => {
  it('new comments of every kind become incidents; edits and deletions do not', async () => {
    const groupId = h.vk.group.id;
    const secret = h.env.VK_CALLBACK_SECRET!;
    const base = { groupId, secret };

    const wall = await deliver(wallReplyNew({ ...base, id: 501, fromId: 620001, postId: 10, text: 'Яма у остановки' }));
    const photo = await deliver(photoCommentNew({ ...base, id: 501, fromId: 620002, photoId: 457240001, text: 'Это наш двор?' }));
    const video = await deliver(videoCommentNew({ ...base, id: 12, fromId: 620003, videoId: 456239020, text: 'Когда трансляция?' }));
    const board = await deliver(boardPostNew({ ...base, id: 5, fromId: 620004, topicId: 47771234, text: 'Куда подавать документы?' }));
    const suggestion = await deliver(wallPostNew({ ...base, id: 31, fromId: 620005, postType: 'suggest', text: 'Поставьте лавочки' }));
    const ownPost = await deliver(wallPostNew({ ...base, id: 32, text: 'Новости администрации' }));
    const edit = await deliver(wallReplyEdit({ ...base, id: 501, fromId: 620001, postId: 10, text: 'Яма у остановки «Школа»' }));
    const deletion = await deliver(wallReplyDelete({ ...base, id: 501, postId: 10, deleterId: 620001 }));

    for (const outcome of [wall, photo, video, board, suggestion]) expect(outcome).toMatch(/^incident \d+$/);
    expect(ownPost).toMatch(/^ignored: /);
    const commentId = rowsId(await db().select({ id: incidents.id }).from(incidents).where(eq(incidents.sourceKey, `wall:-${groupId}_10:501`)));
    expect(edit).toBe(`edit in incident ${commentId}: recorded`);
    expect(deletion).toBe(`deletion in incident ${commentId}: recorded`);

    const rows = await db().select({ kind: incidents.kind, sourceKey: incidents.sourceKey, text: incidents.text }).from(incidents);
    expect(rows.map((r) => [r.kind, r.sourceKey]).sort()).toEqual(
      [
        ['comment', `wall:-${groupId}_10:501`],
        ['photo_comment', `photo:-${groupId}_457240001:501`],
        ['video_comment', `video:-${groupId}_456239020:12`],
        ['board_post', `board:-${groupId}_47771234:5`],
        ['wall_post', `post:-${groupId}_31`],
      ].sort(),
    );
    // The edit changed the comment's incident (its card shows it, test/e2e/vk-edits.test.ts) and opened nothing new.
    expect(rows.find((r) => r.kind === 'comment')?.text).toBe('Яма у остановки «Школа»');
  });
});
