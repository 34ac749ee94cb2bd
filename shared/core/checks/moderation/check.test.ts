import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModerationLists } from '../../../../test/kit/wordlists.js';
import { createModeration, type ModerationCategory } from './index.js';

// The shipped lists, read the way the product reads them.
const checkText = createModeration(loadModerationLists());
import { fitsMask } from './check.js';

/** The distinct categories of the hits, sorted, so each phrase is asserted by category. */
function categories(text: string): ModerationCategory[] {
  return [...new Set(checkText(text).hits.map((hit) => hit.category))].sort();
}

const flagged: Array<[string, ModerationCategory[]]> = [
  // Obscenity, plain and obfuscated.
  ['Когда уже почините дорогу, блять?!', ['obscenity']],
  ['Да бл@ть, третий месяц без горячей воды', ['obscenity']],
  ['Во дворе опять всё разрыто, пиздец какой-то', ['obscenity']],
  ['Мне похуй на ваши отписки, сделайте свет в подъезде', ['obscenity']],
  ['xуй вы что сделаете, как обычно', ['obscenity']],
  ['Эти с*ки опять отключили отопление', ['obscenity']],
  ['Ну и х у й с ним, сами починим', ['obscenity']],
  ['б.л.я.т.ь, сколько можно ждать автобус', ['obscenity']],
  ['ССУУУКИ, верните лавочки во двор', ['obscenity']],
  ['Заебали уже со своими опросами', ['obscenity']],
  ['Кто этот мудак, который согласовал парковку на газоне?', ['obscenity']],
  ['Ёбаный стыд, а не ремонт', ['obscenity']],
  ['6лять, опять яма на том же месте', ['obscenity']],
  ['Вы там все oxуели что ли?', ['obscenity']],
  ['Какой п***ц творится на Ленина', ['obscenity']],
  ['Съебались бы вы все из администрации', ['obscenity']],
  ['Это пи3дец, а не благоустройство', ['obscenity']],
  ['3аебали отключать свет по вечерам', ['obscenity']],
  ['Вы там 0хуели с такими тарифами?', ['obscenity']],
  // Insults of officials.
  ['Вы там все воры и бездельники!', ['insult']],
  ['Администрация — воры, сколько можно', ['insult']],
  ['Дармоеды, хоть раз выйдите на улицу', ['insult']],
  ['Мрази, людей без воды оставили', ['insult']],
  ['Уроды, кто так кладёт асфальт?', ['insult']],
  ['Чиновники бездельники, только деньги пилят', ['insult']],
  ['Твари бездушные, ответьте людям', ['insult']],
  ['Депутаты наши — ворьё', ['insult']],
  // Threats to life, health or property.
  ['Если завтра не уберёте мусор, я вас найду', ['threat']],
  ['Сожгу ваш дом, если снесут мой гараж', ['threat']],
  ['Вам не жить, так и знайте', ['threat']],
  ['Приду и убью главу, надоело', ['threat']],
  ['Взорву вашу администрацию к чертям', ['threat']],
  ['Найду и урою каждого, кто это подписал', ['threat']],
  ['Пущу вам красного петуха', ['threat']],
  ['Таких как вы надо расстрелять', ['threat']],
  ['Вас всех давно пора повесить', ['threat']],
  ['Подожгу машину этого чиновника', ['threat']],
  ['Сожгу к чертям вашу контору', ['threat']],
  // Several at once.
  ['Мрази, убью всех, бля', ['insult', 'obscenity', 'threat']],
];

const clean: string[] = [
  'Прошу не оскорблять жителей и не употреблять такие слова в ответах',
  'Страхование квартиры обязательно при ипотеке?',
  'Хлебница в школьной столовой грязная, проверьте',
  'Команда дворников так и не приехала',
  'У сына в кружке фехтования сломалась сабля',
  'Корабль на набережной стоит без охраны',
  'Проезд подорожал на рубль, это законно?',
  'Нужен школьный психолог, где записаться?',
  'На заборе висит ржавая бляха, уберите',
  'Пришлось убить время в очереди три часа',
  'Вы решили убить время жителей этими очередями?',
  'Убью время до приёма в поликлинике, раз запись сдвинули',
  'Хулиганы разбили фонарь у остановки',
  'Собака бездомная бросается на детей, загрызёт кого-нибудь',
  'Посёлок Сукко, улица Хуторская: нет освещения',
  'Еду в Ебург на выходные, автобус отменили',
  'Ночью воры вскрыли гараж, вы когда поставите камеры?',
  'Картофель на участках в этом году не уродился',
  'Сукно для занавеса в доме культуры заказали?',
  'Сучок торчит из старой ели у дома номер 5, опасно',
  'Мандарины в школьных подарках испорчены',
  'Депутатский мандат не даёт права игнорировать жителей',
  'Учебник по истории не выдали, ребёнок ходит без него',
  'Я застрахую машину сам, спасибо',
  'Ребята из команды по хоккею просят залить каток',
  'Гондола канатной дороги стоит уже месяц',
  'Спасибо за быстрый ответ, всё починили!',
  'Блин, опять нет воды в доме 12 по Садовой',
  'Требую ответа от администрации до 1 марта',
  'Сожгу листья на своём участке — это разрешено?',
  'Я думаю, воры тут ни при чём, трубы просто сгнили',
  'Себестоимость проезда никто не объяснил',
];

describe('checkText', () => {
  it.each(flagged)('flags «%s» as %j', (text, expected) => {
    expect(checkText(text).verdict).toBe('suspect');
    expect(categories(text)).toEqual(expected);
  });

  it.each(clean.map((text) => [text]))('leaves «%s» clean', (text) => {
    expect(checkText(text)).toEqual({ verdict: 'clean', hits: [] });
  });

  it('quotes the citizen’s own spelling at its offset', () => {
    const text = 'Да бл@ть, когда?';
    expect(checkText(text).hits).toEqual([{ category: 'obscenity', match: 'бл@ть', index: 3 }]);
  });

  it('quotes repeated and spaced-out letters whole', () => {
    expect(checkText('ССУУКИ!').hits).toEqual([{ category: 'obscenity', match: 'ССУУКИ', index: 0 }]);
    expect(checkText('ну х у й с ним').hits).toEqual([{ category: 'obscenity', match: 'х у й', index: 3 }]);
  });

  it('reports every hit in text order', () => {
    const text = 'Вы воры. Сожгу ваш офис!';
    expect(checkText(text).hits).toEqual([
      { category: 'insult', match: 'воры', index: 3 },
      { category: 'threat', match: 'Сожгу ваш офис', index: 9 },
    ]);
  });

  it('counts «воры» as an insult only when it is addressed', () => {
    expect(categories('Воры вы все, а не администрация')).toEqual(['insult']);
    expect(categories('Воры украли у нас трубы, вы когда приедете?')).toEqual([]);
    expect(categories('Ночью опять приходили воры. Вы патруль пришлёте?')).toEqual([]);
  });

  it('quotes exactly the text it reports, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'бляхуйсука *.@3x ВЫворы\nубью'.split('')) }), (text) => {
        for (const hit of checkText(text).hits) {
          expect(text.slice(hit.index, hit.index + hit.match.length)).toBe(hit.match);
        }
      }),
    );
  });

  it('keeps English words and numbers untouched', () => {
    expect(checkText('Ticket 3006 from hub: pay 300 rub by 06.04').verdict).toBe('clean');
  });

  it('handles an empty text and a long ordinary one', () => {
    expect(checkText('')).toEqual({ verdict: 'clean', hits: [] });
    const long = 'Просим отремонтировать дорогу у дома номер семь по улице Ленина. '.repeat(20);
    expect(checkText(long).verdict).toBe('clean');
  });
});

describe('masked words and hostile input', () => {
  it('reads each «*» as one to four letters of the whole word', () => {
    expect(fitsMask('с*ка', 'сука')).toBe(true);
    expect(fitsMask('п*ц', 'пиздец')).toBe(true); // four letters behind one star
    expect(fitsMask('п*ц', 'пц')).toBe(false); // a star hides at least one letter
    expect(fitsMask('п*ц', 'пабвгдц')).toBe(false); // …and at most four
    expect(fitsMask('с*ка', 'сукаа')).toBe(false); // the whole word, not a prefix
    expect(fitsMask('х*й', 'x1й')).toBe(false); // stars stand for Cyrillic letters only
    expect(fitsMask('с*к*', 'сучка')).toBe(true);
  });

  it('checks a 12,000-character «а*а*…» without throwing (a RegExp built from it overflowed the stack)', () => {
    const text = 'а*'.repeat(6000);
    expect(text).toHaveLength(12_000);
    expect(checkText(text)).toEqual({ verdict: 'clean', hits: [] });
    // A real masked word after it is still found.
    expect(checkText(`${text} эти с*ки`).hits).toEqual([{ category: 'obscenity', match: 'с*ки', index: 12_005 }]);
  });

  it('never throws on arbitrary text, lone surrogates included', () => {
    const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: anyUnit, maxLength: 500 })), (text) => {
        const result = checkText(text);
        expect(result.verdict).toBe(result.hits.length === 0 ? 'clean' : 'suspect');
      }),
    );
  });

  it('never throws on long masks of letters and stars, up to 12,000 characters', () => {
    const unit = fc.constantFrom('а', '*', '*', 'с', 'у', 'к', 'х', 'й', ' ', '.', 'б');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 12_000 }), (text) => {
        for (const hit of checkText(text).hits) expect(text.slice(hit.index, hit.index + hit.match.length)).toBe(hit.match);
      }),
      { numRuns: 40 },
    );
    expect(() => checkText('а*'.repeat(6000))).not.toThrow();
  });

  it('finds a spaced-out word anywhere in a long run of single letters, across the search windows', () => {
    for (let before = 0; before <= 260; before++) {
      const filler = 'ы е '.repeat(Math.ceil(before / 2)).slice(0, before * 2);
      const text = `${filler}х у й${' ы е'.repeat(150)}`;
      const hits = checkText(text).hits;
      expect(hits, `after ${before} letters`).toContainEqual({ category: 'obscenity', match: 'х у й', index: filler.length });
    }
    expect(checkText('а о '.repeat(20_000)).verdict).toBe('clean');
  });

  it('handles a single word longer than a function call may take arguments', () => {
    expect(checkText('аб'.repeat(200_000)).verdict).toBe('clean');
  });
});
