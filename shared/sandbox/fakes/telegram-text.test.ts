import { describe, expect, it } from 'vitest';
import { TelegramApiError } from './telegram-errors.js';
import { parseFormatted } from './telegram-text.js';

function parseError(source: string, mode: string): string {
  try {
    parseFormatted(source, mode);
  } catch (err) {
    expect(err).toBeInstanceOf(TelegramApiError);
    return (err as TelegramApiError).description;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe('parseFormatted', () => {
  it('turns HTML into plain text with entities in UTF-16 offsets', () => {
    expect(parseFormatted('Улица <b>Ленина</b>, <a href="https://vk.com/wall-1_2">пост</a> &lt;3', 'HTML')).toEqual({
      text: 'Улица Ленина, пост <3',
      entities: [
        { type: 'bold', offset: 6, length: 6 },
        { type: 'text_link', offset: 14, length: 4, url: 'https://vk.com/wall-1_2' },
      ],
    });
  });

  it('decodes entities inside attribute values, as Telegram does', () => {
    const parsed = parseFormatted('<a href="https://vk.com/gim1?sel=2&amp;msgid=3">оригинал</a>', 'HTML');
    expect(parsed.entities).toEqual([{ type: 'text_link', offset: 0, length: 8, url: 'https://vk.com/gim1?sel=2&msgid=3' }]);
  });

  it("refuses HTML Telegram can't parse", () => {
    expect(parseError('<b>жирный', 'HTML')).toBe(
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect(parseError('<br>', 'HTML')).toBe('Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 0');
    expect(parseError('<b>x</i>', 'HTML')).toMatch(/Unmatched end tag at byte offset 4, expected "<\/b>", found "<\/i>"/);
  });

  it('parses MarkdownV2 and insists on escaping reserved characters', () => {
    expect(parseFormatted('*Срок* истёк\\. [Ответ](https://example.org)', 'MarkdownV2')).toEqual({
      text: 'Срок истёк. Ответ',
      entities: [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'text_link', offset: 12, length: 5, url: 'https://example.org' },
      ],
    });
    expect(parseError('Итого: 5-6 дней', 'MarkdownV2')).toBe(
      "Bad Request: can't parse entities: Character '-' is reserved and must be escaped with the preceding '\\'",
    );
    expect(parseError('*не закрыто', 'MarkdownV2')).toBe(
      "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 0",
    );
  });

  it('leaves plain text alone', () => {
    expect(parseFormatted('a < b. *', undefined)).toEqual({ text: 'a < b. *', entities: [] });
  });
});
