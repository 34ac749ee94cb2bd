import { describe, expect, it } from 'vitest';
import { parseInboundEvent } from '../registry.js';
import { manualNetwork } from './adapter.js';
import type { ManualEntry } from './entry.js';

const entry: ManualEntry = {
  id: '-1001500000001:4521',
  kind: 'comment',
  text: 'Жители пишут в городском паблике, что на ул. Ленина не горят фонари.',
  link: 'https://vk.com/wall-555_1200?reply=1300',
  author: { name: 'Сергей П.' },
  registeredBy: 100500,
  registeredAt: '2025-11-24T09:15:00+03:00',
  source: 'Инцидент Менеджмент',
};

describe('manual network', () => {
  it('turns a registration by staff into a message of network "manual"', () => {
    expect(parseInboundEvent('manual', entry)).toEqual({
      outcome: 'message',
      message: {
        network: 'manual',
        kind: 'comment',
        sourceKey: 'manual:-1001500000001:4521',
        thread: { registeredBy: 100500, link: entry.link, source: 'Инцидент Менеджмент' },
        author: { id: 'manual:-1001500000001:4521', name: 'Сергей П.' },
        text: entry.text,
        attachments: [],
        permalink: entry.link,
        postedAt: new Date('2025-11-24T06:15:00Z'),
      },
    });
    expect(manualNetwork.eventKey(entry)).toBe(entry.id);
  });

  it('refuses a registration without its id, text or registrar, without throwing', () => {
    for (const bad of [null, {}, { ...entry, id: '' }, { ...entry, registeredBy: 'curator' }, { ...entry, link: 'not a url' }]) {
      expect(manualNetwork.parse(bad).outcome).toBe('invalid');
    }
  });

  it('publishes by hand: capabilities say so and publish posts nothing', async () => {
    const manual = manualNetwork.connect();
    expect(manual.capabilities('comment')).toMatchObject({ needsManualPublication: 'publish-manual', canReplyWithPhoto: false, unconfirmedKey: null });
    const result = await manual.publish({ outboxId: 9, to: { kind: 'comment', thread: {} }, text: 'Фонари починят до пятницы.' });
    expect(result).toEqual({ ok: false, error: { kind: 'permanent', code: 'manual', reasonKey: 'publish-manual' } });
    expect(await manual.uploadMedia({ type: 'photo', data: new Uint8Array([1]) }, { kind: 'comment', thread: {} })).toMatchObject({ ok: false });
  });
});
