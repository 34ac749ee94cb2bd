/**
 * One author's flood (issue #18): an author writing fast in many threads —
 * a comment under each of twenty posts, where bursts do not join — opens at
 * most `ingest.authorFloodIncidents` incidents; every further message is
 * stored and joined to their newest open incident, shown on its card. Nothing
 * is dropped, and another author at the same moment is untouched.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents, incidentEvents, incidentMessages, incidents } from '../../shared/platform/db/schema.js';
import { cardIn, until } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { vkCitizens } from '../kit/vk-citizens.js';

let h: TestHarness;
const LIMIT = 3;

beforeAll(async () => {
  h = await testHarness({ orgOverrides: { ingest: { authorFloodIncidents: LIMIT, authorFloodMinutes: 10 } } });
});
afterAll(async () => h?.dispose());

const { comment, incidentOf, settled } = vkCitizens(() => h);
const db = () => h.system.ctx.database.db;

describe('one author flooding many threads', () => {
  it('stores every message, opens at most the limit of incidents and joins the rest to the newest open one', async () => {
    const FLOODER = 680001;
    const texts = Array.from({ length: 20 }, (_, i) => `Комментарий ${i + 1} под постом ${300 + i}: опять ничего не сделано`);
    // As fast as the webhook answers, each under another post.
    for (const [i, text] of texts.entries()) await comment(FLOODER, 300 + i, text);
    // Another author meanwhile: their own incident, as ever.
    const neighbour = await incidentOf(await comment(680002, 300, 'Соседний двор тоже не убран'));
    await settled();

    // Every delivery stored and processed.
    const stored = await db().select().from(inboundEvents);
    expect(stored.filter((e) => JSON.stringify(e.payload).includes('опять ничего не сделано'))).toHaveLength(texts.length);
    expect(stored.every((e) => e.processedAt !== null)).toBe(true);

    // At most the limit of incidents; every text kept, in an incident or joined to one.
    const opened = await db().select().from(incidents).where(eq(incidents.authorId, String(FLOODER)));
    expect(opened).toHaveLength(LIMIT);
    const ids = opened.map((i) => i.id);
    const joined = await db().select().from(incidentMessages).where(inArray(incidentMessages.incidentId, ids));
    expect(joined).toHaveLength(texts.length - LIMIT);
    expect([...opened.map((i) => i.text), ...joined.map((m) => m.text)].sort()).toEqual([...texts].sort());
    // Joined to the newest open one, each on its audit stream.
    const newest = Math.max(...ids);
    expect(new Set(joined.map((m) => m.incidentId))).toEqual(new Set([newest]));
    const audit = await db().select().from(incidentEvents).where(eq(incidentEvents.incidentId, newest));
    expect(audit.filter((e) => e.type === 'author_message_changed' && e.data.change === 'added')).toHaveLength(texts.length - LIMIT);
    const outcomes = stored.filter((e) => e.outcome?.includes('author over the flood limit'));
    expect(outcomes).toHaveLength(texts.length - LIMIT);

    // The curators see one card per incident: the limit's, and the neighbour's.
    const curators = h.org.chats.curators;
    for (const id of [...ids, neighbour.id]) await until(() => cardIn(h, curators, id), `card ${id}`, 30_000);
    const cards = h.telegram.messages(curators).filter((m) => /^Сообщение №\d+ /.test(m.text ?? ''));
    expect(new Set(cards.map((m) => Number(/№(\d+)/.exec(m.text!)![1])))).toEqual(new Set([...ids, neighbour.id]));
    // The newest card shows that more messages came.
    await until(() => (cardIn(h, curators, newest)?.text?.includes('Ещё сообщение') ? true : undefined), 'the joined messages on the card', 60_000);
  }, 120_000);
});
