import { describe, expect, it } from 'vitest';
import { vkLinks } from '../../networks/vk/links.js';
import { profileRules, reach } from '../../../test/kit/incident.js';
import { authorLabel, authorLine, staffLink, staffSeesAuthor } from './author.js';
import { renderCard, type CardIncident } from './render.js';

const comment: CardIncident = {
  id: 42,
  network: 'vk',
  kind: 'comment',
  status: 'detected',
  authorId: '555001',
  authorName: 'Мария Соколова',
  text: 'Когда починят дорогу на ул. Ленина?',
  attachments: [],
  permalink: 'https://vk.com/wall-123456_10?reply=77',
  detectedAt: new Date('2026-11-23T05:05:00Z'),
};
const dialog: CardIncident = { ...comment, kind: 'direct', permalink: vkLinks.dm(123456, 555001, 1042) };

describe('staffSeesAuthor', () => {
  it('is true unless the organisation file says false', () => {
    expect(staffSeesAuthor({})).toBe(true);
    expect(staffSeesAuthor({ privacy: { retentionDays: 90 } })).toBe(true);
    expect(staffSeesAuthor({ privacy: { staffSeesAuthor: true } })).toBe(true);
    expect(staffSeesAuthor({ privacy: { staffSeesAuthor: false } })).toBe(false);
  });
});

describe('the author as staff see them', () => {
  it('is the name, or the network id without one, when shown', () => {
    expect(authorLine(comment, true)).toBe('👤 Мария Соколова');
    expect(authorLine({ ...comment, authorName: null }, true)).toBe('👤 автор id555001');
    expect(authorLabel({ ...comment, authorName: '<b>' }, true)).toBe('&lt;b&gt;');
  });

  it('is a neutral label naming only the network when hidden', () => {
    expect(authorLine(comment, false)).toBe('👤 Житель (ВКонтакте)');
    expect(authorLine({ ...comment, network: 'ok', authorName: null }, false)).toBe('👤 Житель (Одноклассники)');
    expect(authorLabel(comment, false)).toBe('Житель (ВКонтакте)');
  });

  it('drops a private dialog link (it carries the citizen\'s id) only when hidden; public links stay', () => {
    expect(staffLink(dialog.permalink, false)).toBeNull();
    expect(staffLink(dialog.permalink, true)).toBe(dialog.permalink);
    expect(staffLink(comment.permalink, false)).toBe(comment.permalink);
    expect(staffLink(null, false)).toBeNull();
  });
});

describe('renderCard with the author hidden', () => {
  const rules = profileRules['zavitinsk-2020'];

  it('shows the name and profile id by default, as before the option', () => {
    const card = renderCard(dialog, { timezone: 'UTC' });
    expect(card).toContain('👤 Мария Соколова');
    expect(card).toContain('sel=555001');
  });

  it('shows the citizen\'s text and the public link, but no name, id or dialog link', () => {
    for (const incident of [comment, dialog, { ...dialog, authorName: null }]) {
      const card = renderCard(incident, { timezone: 'UTC', showAuthor: false });
      expect(card).toContain('👤 Житель (ВКонтакте)');
      expect(card).toContain('Когда починят дорогу на ул. Ленина?');
      expect(card).not.toContain('Мария');
      expect(card).not.toContain('555001');
    }
    expect(renderCard(comment, { timezone: 'UTC', showAuthor: false })).toContain('href="https://vk.com/wall-123456_10?reply=77"');
    expect(renderCard(dialog, { timezone: 'UTC', showAuthor: false })).not.toContain('Открыть оригинал');
  });

  it('leaves out the published reply\'s dialog link too, still saying it was published', () => {
    const s = reach('approved', rules);
    const publication = { status: 'sent', permalink: vkLinks.dm(123456, 555001, 2001), reasonKey: null };
    const hidden = renderCard({ ...dialog, status: 'approved' }, { timezone: 'UTC', state: s.state, rules, publication, showAuthor: false });
    expect(hidden).toContain('📨 Ответ опубликован');
    expect(hidden).not.toContain('555001');
    const shown = renderCard({ ...dialog, status: 'approved' }, { timezone: 'UTC', state: s.state, rules, publication });
    expect(shown).toContain('sel=555001&amp;msgid=2001');
  });
});
