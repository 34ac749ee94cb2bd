import { describe, expect, it } from 'vitest';
import type { EventOf, IncidentEvent } from '../../core/incident/index.js';
import { flaggingTriage, renderSignificantAlert } from './significant.js';

const at = new Date('2026-03-02T01:30:00Z');
const triaged = (version: number, sociallySignificant: boolean, topics = ['ЖКХ']): EventOf<'triaged'> => ({
  type: 'triaged',
  version,
  at: new Date(at.getTime() + version * 60_000),
  actor: { role: 'curator', userId: 101 },
  data: { topics, location: 'с. Антоновка', importance: 'normal', sociallySignificant },
});
const detected: IncidentEvent = { type: 'incident_detected', version: 1, at, actor: { role: 'system' }, data: { incidentId: 7, network: 'vk' } };

describe('flaggingTriage', () => {
  it('is the first triage that set the flag, whatever came after', () => {
    const events: IncidentEvent[] = [detected, triaged(2, false), triaged(3, true, ['Дороги']), triaged(4, false), triaged(5, true, ['ЖКХ'])];
    expect(flaggingTriage(events)?.version).toBe(3);
  });
  it('is null when the incident was never flagged', () => {
    expect(flaggingTriage([detected, triaged(2, false)])).toBeNull();
    expect(flaggingTriage([detected])).toBeNull();
  });
});

describe('renderSignificantAlert', () => {
  const incident = {
    id: 7,
    network: 'vk',
    kind: 'comment',
    authorId: '620001',
    authorName: 'Пётр <script>',
    text: 'а'.repeat(1500),
    permalink: 'https://vk.com/wall-1_2?reply=3&thread=2',
  };
  const text = renderSignificantAlert(incident, triaged(3, true, ['ЖКХ', 'Дороги']), {
    timezone: 'Asia/Yakutsk',
    staffName: (id) => (id === 101 ? 'Иванова Ирина' : `id${id}`),
  });

  it('carries number, network, author, the folded text, topics, place, link and who flagged it', () => {
    expect(text.split('\n')[0]).toBe('❗️ <b>Общественно значимое сообщение №7</b> · ВКонтакте, комментарий');
    expect(text).toContain('👤 Пётр &lt;script&gt;');
    expect(text).toContain('… (ещё 500 симв.)');
    expect(text).toContain('🏷 ЖКХ, Дороги · с. Антоновка');
    expect(text).toContain('href="https://vk.com/wall-1_2?reply=3&amp;thread=2"');
    expect(text).toContain('Отметил(а): Иванова Ирина, 02.03.2026 10:33');
    expect(text.length).toBeLessThan(4096);
  });

  it('says the text is empty rather than showing an empty quote', () => {
    const empty = renderSignificantAlert({ ...incident, text: '  ', authorName: null, permalink: null }, triaged(3, true), {
      timezone: 'Asia/Yakutsk',
      staffName: () => 'x',
    });
    expect(empty).toContain('<i>(без текста)</i>');
    expect(empty).toContain('👤 автор id620001');
    expect(empty).not.toContain('href');
  });

  it('names no author, id or dialog link where the organisation keeps them off the staff messenger', () => {
    const dialog = { ...incident, kind: 'direct', permalink: 'https://vk.com/gim1?sel=620001&msgid=5' };
    const hidden = renderSignificantAlert(dialog, triaged(3, true), { timezone: 'UTC', staffName: () => 'x', showAuthor: false });
    expect(hidden).toContain('👤 Житель (ВКонтакте)');
    expect(hidden).toContain('ааааа');
    expect(hidden).not.toMatch(/Пётр|620001/);
    expect(renderSignificantAlert(dialog, triaged(3, true), { timezone: 'UTC', staffName: () => 'x' })).toContain('sel=620001');
  });
});
