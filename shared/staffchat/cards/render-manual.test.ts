/**
 * A reply a person must post by hand (an OK topic comment, a hand-registered
 * message): the card shows the text exactly as approved, whole, in a <pre>
 * block Telegram copies with one tap, with the reason and the link.
 */
import { describe, expect, it } from 'vitest';
import { people, profileRules, reach } from '../../../test/kit/incident.js';
import { renderCard, type CardIncident } from './render.js';

const incident: CardIncident = {
  id: 7,
  network: 'ok',
  kind: 'comment',
  status: 'approved',
  authorId: 'user:575493468851',
  authorName: 'Галина Петрова',
  text: 'Когда починят мост?',
  attachments: [],
  permalink: 'https://ok.ru/group/70000001234567/topic/155000000000001',
  detectedAt: new Date('2026-11-23T05:05:00Z'),
};
const rules = profileRules['zavitinsk-2020'];
const manual = { status: 'manual', permalink: null, reasonKey: 'publish-ok-manual-comment' };

describe('a card whose reply is posted by hand', () => {
  it('shows the approved text whole in <pre>, the reason and the topic\'s link', () => {
    const { state } = reach('approved', rules);
    const text = renderCard(incident, { timezone: 'UTC', state, publication: manual });
    expect(text).toContain('Ответ нужно разместить вручную');
    expect(text).toContain('<pre>Здравствуйте! Яма на ул. Ленина будет заделана до пятницы.</pre>');
    expect(text).toContain('нажмите на него, чтобы скопировать');
    expect(text).toContain('<a href="https://ok.ru/group/70000001234567/topic/155000000000001">Открыть оригинал</a>');
    expect(text).not.toContain('<blockquote>Здравствуйте');
  });

  it('copies the approver\'s edit, not the executor\'s version, escaped', () => {
    const s = reach('on_approval', rules);
    s.run(people.curator, { type: 'approve', editedText: 'Здравствуйте! Мост <откроют> 1 декабря & раньше.' });
    const text = renderCard(incident, { timezone: 'UTC', state: s.state, publication: manual });
    expect(text).toContain('<pre>Здравствуйте! Мост &lt;откроют&gt; 1 декабря &amp; раньше.</pre>');
  });

  it('keeps the quote while publication is automatic, and folds a text too long to copy from a card', () => {
    const { state } = reach('approved', rules);
    expect(renderCard(incident, { timezone: 'UTC', state, publication: { status: 'pending', permalink: null, reasonKey: null } })).not.toContain('<pre>');
    const s = reach('on_approval', rules);
    s.run(people.curator, { type: 'approve', editedText: 'Ж'.repeat(3000) });
    const long = renderCard(incident, { timezone: 'UTC', state: s.state, publication: manual });
    expect(long).not.toContain('<pre>');
    expect(long.length).toBeLessThan(4096);
  });
});
