/**
 * VK comment edits and deletions end to end: the card shows the edited text
 * (the original stays in the audit) and says when a comment was deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { incidentEvents, incidents } from '../../shared/platform/db/schema.js';
import { postVkCallback, wallReplyDelete, wallReplyEdit } from '../../shared/sandbox/fakes/vk-callback.js';
import { cardSays } from '../../shared/sandbox/demo/staff.js';
import { testHarness, type TestHarness } from '../kit/harness.js';
import { vkCitizens } from '../kit/vk-citizens.js';

let h: TestHarness;

beforeAll(async () => {
  h = await testHarness();
});

afterAll(async () => h?.dispose());

const { secret, comment, incidentOf, settled } = vkCitizens(() => h);

const db = () => h.system.ctx.database.db;
const curators = () => h.org.chats.curators;

describe('edits and deletions', () => {
  it('shows the edited text on the card, keeps the original in the audit, then shows the deletion', async () => {
    const event = await comment(620301, 51, 'Когда отремонтируют крышу дома 9?');
    const incident = await incidentOf(event);
    await cardSays(h, curators(), incident.id, (t) => t.includes('крышу дома 9'), 'the card');

    const edit = wallReplyEdit({ groupId: h.vk.group.id, secret: secret(), fromId: 620301, postId: 51, id: event.object.id, text: 'Когда отремонтируют крышу дома 9 по ул. Мира? Течёт уже месяц.' });
    await postVkCallback(h.vkWebhookUrl, edit);
    const edited = await cardSays(h, curators(), incident.id, (t) => t.includes('Течёт уже месяц'), 'the edited card');
    expect(edited.text).toContain('изменено автором');
    const [row] = await db().select().from(incidents).where(eq(incidents.id, incident.id));
    expect(row!.text).toBe('Когда отремонтируют крышу дома 9 по ул. Мира? Течёт уже месяц.');
    const audit = await db().select().from(incidentEvents).where(and(eq(incidentEvents.incidentId, incident.id), eq(incidentEvents.type, 'author_message_changed')));
    expect(audit.map((e) => [e.data.change, e.data.previousText])).toEqual([['edited', 'Когда отремонтируют крышу дома 9?']]);

    await postVkCallback(h.vkWebhookUrl, { ...edit, event_id: 'c'.repeat(40) }); // the same edit again: nothing more recorded
    await postVkCallback(h.vkWebhookUrl, wallReplyDelete({ groupId: h.vk.group.id, secret: secret(), postId: 51, id: event.object.id, deleterId: 620301 }));
    const deleted = await cardSays(h, curators(), incident.id, (t) => t.includes('комментарий удалён автором'), 'the deletion on the card');
    expect(deleted.text).toContain('Течёт уже месяц'); // staff still read what was written
    await settled();
    const after = await db().select().from(incidentEvents).where(and(eq(incidentEvents.incidentId, incident.id), eq(incidentEvents.type, 'author_message_changed')));
    expect(after.map((e) => e.data.change)).toEqual(['edited', 'deleted']);
    expect(await db().select().from(incidents).where(eq(incidents.authorId, '620301'))).toHaveLength(1);
  });

  it('says when a moderator, not the author, deleted the comment; an edit of an unknown comment opens nothing', async () => {
    const event = await comment(620302, 52, 'Уберите мусор у школы');
    const incident = await incidentOf(event);
    await postVkCallback(h.vkWebhookUrl, wallReplyDelete({ groupId: h.vk.group.id, secret: secret(), postId: 52, id: event.object.id, deleterId: 1 }));
    await cardSays(h, curators(), incident.id, (t) => t.includes('удалён модератором'), 'deleted by a moderator');

    await postVkCallback(h.vkWebhookUrl, wallReplyEdit({ groupId: h.vk.group.id, secret: secret(), fromId: 620303, postId: 52, id: 99_999_001, text: 'правка' }));
    await settled();
    expect(await db().select().from(incidents).where(eq(incidents.authorId, '620303'))).toHaveLength(0);
  });
});
