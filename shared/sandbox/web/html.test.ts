import { describe, expect, it } from 'vitest';
import { htmlText } from './html.js';

describe('the bot\'s HTML as a person sees it', () => {
  it('draws the tags as spans over the plain text, links with their address', () => {
    const { text, entities } = htmlText('<b>Сообщение №7</b> · ВКонтакте\n<i>цитата</i> <a href="https://max.ru/otklik_max_bot?start=d7">открыть</a>');
    expect(text).toBe('Сообщение №7 · ВКонтакте\nцитата открыть');
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 12 },
      { type: 'italic', offset: 25, length: 6 },
      { type: 'text_link', offset: 32, length: 7, url: 'https://max.ru/otklik_max_bot?start=d7' },
    ]);
  });

  it('reads escapes once, and keeps a "<" that is no tag', () => {
    expect(htmlText('a &lt;b&gt; &amp;lt; &quot;x&quot; &#8470;1').text).toBe('a <b> &lt; "x" №1');
    expect(htmlText('1 < 2, <3').text).toBe('1 < 2, <3');
  });

  it('nests spans and drops tags it does not draw', () => {
    const { text, entities } = htmlText('<b>жирный <i>и курсив</i></b><span class="tg-spoiler">скрыто</span><br>строка');
    expect(text).toBe('жирный и курсивскрыто\nстрока');
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 15 },
      { type: 'italic', offset: 7, length: 8 },
    ]);
  });
});
