/**
 * MAX without a public URL: no MAX_WEBHOOK_SECRET, so the bots long-poll
 * MAX's /updates by marker and there is no /webhooks/max at all. A citizen's
 * message still becomes one card, and MAX's own redelivery (a poll without
 * a marker after a restart) makes no second incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidents } from '../../shared/platform/db/schema.js';
import { cardSays, until } from '../../shared/sandbox/demo/staff.js';
import { startFakeMax, type FakeMax } from '../../shared/sandbox/fakes/max.js';
import { ingestingInbox } from '../../shared/networks/inbox.js';
import { maxEventKey } from '../../shared/networks/max/parse.js';
import { testHarness, type TestHarness } from '../kit/harness.js';

let h: TestHarness;
let max: FakeMax;

beforeAll(async () => {
  max = await startFakeMax();
  h = await testHarness({ env: { MAX_BOT_TOKEN: max.token, MAX_API_ROOT: max.apiRoot } });
});
afterAll(async () => {
  await h?.dispose();
  await max?.close();
});

const idOf = (text: string) => Number(/№(\d+)/.exec(text)![1]);
const maxRows = async () => (await h.system.ctx.database.db.select().from(incidents)).filter((i) => i.network === 'max');

describe('MAX by long polling', () => {
  it('has no webhook route without a secret', async () => {
    const res = await fetch(`http://127.0.0.1:${h.system.bots.port}/webhooks/max`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });

  it('turns a polled message into one card, however often it is delivered', async () => {
    const written = max.citizenWrites({ userId: 4_200_001, name: 'Ольга Смирнова', text: 'На детской площадке на ул. Садовой сломаны качели.' });
    const curators = h.org.chats.curators;
    const card = await until(() => h.telegram.messages(curators).find((m) => m.text?.includes('сломаны качели') && m.replyMarkup), 'the card');
    expect(card.text).toContain('MAX, личное сообщение');
    // The same update again, as a poll after a restart would bring it: stored once, one incident.
    const update = max.state.updates.find((u) => u.update_type === 'message_created' && u.message.body.mid === written.body.mid)!;
    const again = await ingestingInbox(h.system.ctx).store({ network: 'max', eventKey: maxEventKey(update)!, type: 'message_created', payload: update });
    expect(again.fresh).toBe(false);
    expect((await maxRows()).filter((i) => i.text.includes('сломаны качели'))).toHaveLength(1);

    // The author corrects the message in MAX: the card shows the new text.
    max.editMessage(written.body.mid, 'На детской площадке на ул. Садовой, 12 сломаны качели и горка.');
    await cardSays(h, curators, idOf(card.text!), (t) => t.includes('Садовой, 12'), 'the edited text on the card');
  });
});
