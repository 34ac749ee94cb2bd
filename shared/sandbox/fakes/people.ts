/**
 * Russian names for the people the fakes invent: VK users.get answers and
 * default Telegram senders. Deterministic by id, so a test and the demo see
 * the same person for the same id every run.
 */

export interface Person {
  firstName: string;
  lastName: string;
  screenName: string;
}

const MEN: Array<[string, string]> = [
  ['Иван', 'Петров'],
  ['Алексей', 'Смирнов'],
  ['Дмитрий', 'Кузнецов'],
  ['Сергей', 'Попов'],
  ['Андрей', 'Васильев'],
  ['Михаил', 'Соколов'],
  ['Николай', 'Морозов'],
  ['Павел', 'Волков'],
];

const WOMEN: Array<[string, string]> = [
  ['Анна', 'Иванова'],
  ['Мария', 'Новикова'],
  ['Елена', 'Фёдорова'],
  ['Ольга', 'Михайлова'],
  ['Татьяна', 'Лебедева'],
  ['Наталья', 'Козлова'],
  ['Екатерина', 'Павлова'],
  ['Светлана', 'Орлова'],
];

/** A few fixed people, so tests can refer to them by id. */
export const SEEDED_PEOPLE: ReadonlyMap<number, Person> = new Map([
  [1001, { firstName: 'Анна', lastName: 'Соколова', screenName: 'anna.sokolova' }],
  [1002, { firstName: 'Пётр', lastName: 'Васильев', screenName: 'petr_vasiliev' }],
  [1003, { firstName: 'Галина', lastName: 'Морозова', screenName: 'galina.morozova' }],
  [1004, { firstName: 'Игорь', lastName: 'Никитин', screenName: 'i.nikitin' }],
  [1005, { firstName: 'Людмила', lastName: 'Егорова', screenName: 'lyuda_egorova' }],
]);

/** The person for an id: seeded if known, otherwise generated from the id. */
export function personFor(id: number): Person {
  const seeded = SEEDED_PEOPLE.get(id);
  if (seeded) return seeded;
  const n = Math.abs(Math.trunc(id));
  const pool = n % 2 === 0 ? MEN : WOMEN;
  const [firstName, lastName] = pool[Math.floor(n / 2) % pool.length] as [string, string];
  return { firstName, lastName, screenName: `id${n}` };
}
