import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft, parsePhraseList, type DraftCheckInput } from './draft-checks.js';
import { loadPhraseLists } from '../../../test/kit/wordlists.js';

const lists = loadPhraseLists();
const vk = 1000; // a conversational VK reply, as a network limit might be configured

const check = (input: Omit<DraftCheckInput, 'maxLength'> & { maxLength?: number }) => checkDraft({ maxLength: vk, ...input }, lists);
const codes = (input: Parameters<typeof check>[0]) => check(input).map((w) => w.code);

describe('draft checks', () => {
  it('passes a good answer without a word', () => {
    const text =
      'Здравствуйте, Анна! Спасибо, что написали. Яму на ул. Ленина у дома 12 заделали сегодня утром, ' +
      'фото прилагаем. Если покрытие снова просядет, напишите нам — приедем.';
    expect(check({ text, attachments: [{ kind: 'photo', fileId: 'p1' }], photoExpected: true, isRepeat: true })).toEqual([]);
  });

  it('warns when the answer neither greets nor addresses the author', () => {
    expect(codes({ text: 'Яму на ул. Ленина заделали сегодня.' })).toEqual(['no_greeting']);
    expect(codes({ text: 'Добрый день! Яму заделали.' })).toEqual([]);
    expect(codes({ text: 'Уважаемая Анна Петровна, яму заделали.' })).toEqual([]);
    expect(codes({ text: 'ЗДРАВСТВУЙТЕ. Яму заделали.' })).toEqual([]);
    // An address by name counts when the name is known…
    expect(codes({ text: 'Анна, спасибо за сигнал: яму заделали.', authorName: 'Анна Смирнова' })).toEqual([]);
    // …and «Сообщаем, что…» is no address at all.
    expect(codes({ text: 'Сообщаем, что яму заделали.', authorName: 'Анна Смирнова' })).toEqual(['no_greeting']);
  });

  it('finds bureaucratese, as written, once per phrase, in text order', () => {
    const text =
      'Здравствуйте! Доводим до вашего сведения, что по вопросу ремонта дороги в рамках муниципальной программы ' +
      'осуществляется подготовка документации. В связи с вышеизложенным данный участок будет отремонтирован в 2025 году.';
    const found = check({ text }).filter((w) => w.code === 'bureaucratese');
    expect(found.map((w) => (w.code === 'bureaucratese' ? [w.phrase, w.pattern] : null))).toEqual([
      ['Доводим до вашего сведения', 'доводим до вашего сведения'],
      ['по вопросу', 'по вопросу'],
      ['в рамках', 'в рамках'],
      ['осуществляется', 'осуществля*'],
      ['В связи с вышеизложенным', 'в связи с вышеизложенн*'],
      ['данный', 'данный'],
    ]);
    const first = found[0]!;
    expect(first.code === 'bureaucratese' && text.slice(first.index, first.index + first.phrase.length)).toBe('Доводим до вашего сведения');
  });

  it('matches whole words only, ignoring case and ё', () => {
    // «данные» (data) is not «данный»; «вцелях» is not a phrase; «Осуществлён» matches «осуществлен*».
    const text = 'Здравствуйте! Ваши данные переданы. Вцелях. Ремонт осуществлён.';
    expect(check({ text }).map((w) => (w.code === 'bureaucratese' ? w.phrase : w.code))).toEqual(['осуществлён']);
  });

  it('warns when the answer is too long for the network', () => {
    const text = `Здравствуйте! ${'Очень подробно. '.repeat(40)}`;
    expect(check({ text, maxLength: 300 })).toContainEqual({ code: 'too_long', length: [...text.trim()].length, limit: 300 });
    expect(codes({ text, maxLength: 4096 })).toEqual([]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(codes({ text: 'Здравствуйте! 👍👍👍', maxLength: 17 })).toEqual([]);
  });

  it('warns when a repeat answer reports no measures taken', () => {
    const vague = 'Здравствуйте! Ваше сообщение получено, вопрос на контроле у администрации.';
    expect(codes({ text: vague, isRepeat: true })).toEqual(['repeat_without_measures']);
    expect(codes({ text: vague, isRepeat: false })).toEqual([]);
    for (const done of [
      'Здравствуйте! По вашему сообщению приняты меры: подрядчик оштрафован.',
      'Здравствуйте! Меры приняты, освещение восстановлено.',
      'Здравствуйте! Работы выполнены 14 марта.',
      'Здравствуйте! Проведена проверка, нарушения устранены.',
      'Здравствуйте! Участок отремонтирован.',
      'Здравствуйте! Ремонт включён в план на 2025 год.',
    ]) {
      expect(codes({ text: done, isRepeat: true }), done).toEqual([]);
    }
  });

  it('warns when the executor said there is a photo and none is attached', () => {
    const text = 'Здравствуйте! Яму заделали, фото прилагаем.';
    expect(codes({ text, photoExpected: true })).toEqual(['photo_missing']);
    expect(codes({ text, photoExpected: true, attachments: [{ kind: 'document', fileId: 'd1' }] })).toEqual(['photo_missing']);
    expect(codes({ text, photoExpected: true, attachments: [{ kind: 'video', fileId: 'v1' }] })).toEqual([]);
    expect(codes({ text, photoExpected: false })).toEqual([]);
  });

  it('reports several problems together', () => {
    const text = 'Информируем, что данный вопрос находится на контроле.';
    expect(codes({ text, isRepeat: true, photoExpected: true })).toEqual([
      'no_greeting',
      'bureaucratese',
      'bureaucratese',
      'repeat_without_measures',
      'photo_missing',
    ]);
  });
});

describe('phrase lists', () => {
  it('skip blank lines and comments', () => {
    expect(parsePhraseList('# заголовок\n\nв целях\r\n  в рамках  \n#ещё\n')).toEqual(['в целях', 'в рамках']);
  });

  it('ship the bureaucratese and measures lists', () => {
    expect(lists.bureaucratese).toEqual(expect.arrayContaining(['в целях', 'осуществля*', 'в рамках', 'вышеуказанн*', 'данный', 'по вопросу']));
    expect(lists.measures).toEqual(expect.arrayContaining(['принят* мер*', 'выполнен*', 'проведен*', 'устранен*', 'отремонтирован*']));
  });

  it('take a list of the caller’s own', () => {
    const own = { bureaucratese: ['в ручном режиме'], measures: [] };
    expect(checkDraft({ text: 'Здравствуйте! Перевели в ручном режиме.', maxLength: 100 }, own)).toEqual([
      { code: 'bureaucratese', phrase: 'в ручном режиме', pattern: 'в ручном режиме', index: 23 },
    ]);
  });
});

describe('draft checks on hostile input', () => {
  it('reads the author\'s name as a plain word, whatever characters it holds', () => {
    expect(codes({ text: 'Анна(, спасибо за сигнал.', authorName: 'Анна(' })).toEqual([]);
    expect(codes({ text: 'Спасибо за сигнал.', authorName: '[(*+?\\' })).toEqual(['no_greeting']);
    expect(codes({ text: 'ЁЖИК, спасибо за сигнал.', authorName: 'ёжик' })).toEqual([]);
    expect(codes({ text: 'Аннушка, спасибо.', authorName: 'Анна' })).toEqual(['no_greeting']); // a whole word only
    // A name of stars alone is no name (it used to match any gap between punctuation).
    expect(codes({ text: 'Да, яму заделали.', authorName: '***' })).toEqual(['no_greeting']);
    expect(() => check({ text: 'а*'.repeat(6000), authorName: 'а*'.repeat(6000) })).not.toThrow();
  });

  it('never throws on arbitrary text and author names', () => {
    const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: anyUnit, maxLength: 300 }));
    fc.assert(
      fc.property(text, fc.option(text), fc.boolean(), (t, authorName, isRepeat) => {
        const warnings = check({ text: t, authorName, isRepeat });
        for (const w of warnings) expect(['no_greeting', 'bureaucratese', 'too_long', 'repeat_without_measures', 'photo_missing']).toContain(w.code);
      }),
    );
  });
});

describe('spelling (sobolevo п.23.2)', () => {
  // A dictionary of a handful of words stands in for hunspell's: the check's own logic is under test here.
  const known = new Set(['здравствуйте', 'яму', 'на', 'улице', 'заделали', 'сегодня', 'спасибо', 'кое', 'где', 'ещё', 'подрядчик', 'написали', 'вы']);
  const spell = { correct: (w: string) => known.has(w), suggest: (w: string) => (w === 'седня' ? 'сегодня' : undefined) };
  const spelling = (text: string, authorName?: string) =>
    check({ text, spell, ...(authorName ? { authorName } : {}) }).filter((w) => w.code === 'spelling');

  it('warns of an unknown word, as written, with the suggestion', () => {
    const text = 'Здравствуйте! Яму на улице заделали седня.';
    expect(spelling(text)).toEqual([{ code: 'spelling', phrase: 'седня', index: text.indexOf('седня'), suggestion: 'сегодня' }]);
  });

  it('leaves alone names, abbreviations, numbers, Latin and quoted words', () => {
    expect(spelling('Здравствуйте! Яму на улице Завитинской у МКД № 12 заделали сегодня, «Дорстрой» и VK-группа.')).toEqual([]);
    expect(spelling('Здравствуйте! Вы написали «ямма на дароге», яму заделали.')).toEqual([]);
  });

  it('checks the word that opens a sentence in lower case too, and not the author\'s name', () => {
    expect(spelling('Здравствуйте. Яму заделали.')).toEqual([]);
    expect(spelling('Здраствуйте! Яму заделали.').map((w) => 'phrase' in w && w.phrase)).toEqual(['Здраствуйте']);
    expect(spelling('Агафья, спасибо! Яму заделали.', 'Агафья Лыкова')).toEqual([]);
  });

  it('reads ё as е and е as ё, and a hyphenated word part by part', () => {
    expect(spelling('Здравствуйте! Яму заделали кое-где, ещё и еще.')).toEqual([]);
  });

  it('reports each word once and at most five', () => {
    const text = 'Здравствуйте! абвгд абвгд бвгде вгдеж гдежз дежзи ежзий жзийк';
    expect(spelling(text).map((w) => 'phrase' in w && w.phrase)).toEqual(['абвгд', 'бвгде', 'вгдеж', 'гдежз', 'дежзи']);
  });

  it('does nothing without a dictionary', () => {
    expect(codes({ text: 'Здравствуйте! Яму заделали седня.' })).toEqual([]);
  });
});

describe('familiarity (severny-pos п.16)', () => {
  const familiar = (text: string) => check({ text }).filter((w) => w.code === 'familiar').map((w) => ('phrase' in w ? w.phrase : ''));

  it('warns of «ты» in every form, as written', () => {
    expect(familiar('Здравствуйте! Ты прав, твою яму заделали. Спасибо тебе!')).toEqual(['Ты', 'твою', 'тебе']);
    expect(familiar('Здравствуйте! Твоё обращение рассмотрено.')).toEqual(['Твоё']);
  });

  it('warns of verbs in the second person singular and of a few imperatives, not of nouns so spelled', () => {
    expect(familiar('Здравствуйте! Если хочешь, позвони нам: можешь прийти лично.')).toEqual(['хочешь', 'позвони', 'можешь']);
    expect(familiar('Здравствуйте! Брешь в заборе заделали, лишь тишь осталась.')).toEqual([]);
  });

  it('leaves the polite and the conversational alone, and the citizen\'s quoted words', () => {
    expect(familiar('Здравствуйте, Анна! Спасибо, что написали. Позвоните нам — приедем, посмотрим.')).toEqual([]);
    expect(familiar('Здравствуйте! Вы спросили «ты куда смотришь?» — отвечаем: яму заделали.')).toEqual([]);
    expect(familiar('Здравствуйте! Твердое покрытие уложили, тыквы на рынке.')).toEqual([]);
  });
});
