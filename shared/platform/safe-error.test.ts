import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';
import { safeError, withoutPersonalData } from './safe-error.js';

const NAME = 'Анна Соколова';
const TEXT = 'Во дворе на Лесной, 5 третью неделю не вывозят мусор';

const queryError = () =>
  new DrizzleQueryError('insert into "incidents" ("author_name", "text") values ($1, $2)', [NAME, `${TEXT}\nвторая строка`], new Error('duplicate key value violates unique constraint "incidents_source_key"'));

const grammyError = () =>
  new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 400, description: 'Bad Request: message is too long' }, 'sendMessage', { chat_id: -100, text: `${NAME}: ${TEXT}` });

/** Everything a logger wrote, as one string. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'trace', destination }), written: () => lines.join('') };
}

describe('safeError', () => {
  it("cuts a drizzle query's parameters out of the message and the stack, and keeps the query and the cause", () => {
    const safe = safeError(queryError());
    expect(JSON.stringify(safe)).not.toContain('Анна');
    expect(JSON.stringify(safe)).not.toContain('Лесной');
    expect(safe.message).toContain('insert into "incidents"');
    expect(safe.message).toContain('params: [redacted]');
    expect(safe.stack).toMatch(/params: \[redacted\]\n {4}at /);
    expect(safe.cause?.message).toContain('incidents_source_key');
  });

  it("keeps what a Telegram error says (method, code, description) and drops the call's payload", () => {
    const safe = safeError(grammyError());
    expect(safe).toMatchObject({ type: 'GrammyError', method: 'sendMessage', error_code: 400, description: 'Bad Request: message is too long' });
    expect(JSON.stringify(safe)).not.toContain('Анна');
  });

  it('drops everything but the allow-listed fields of any error, a pg detail among them', () => {
    const pgLike = Object.assign(new Error('duplicate key value violates unique constraint "u"'), { code: '23505', constraint: 'u', detail: `Key (author_name)=(${NAME}) already exists.` });
    const safe = safeError(pgLike);
    expect(safe).toMatchObject({ code: '23505', constraint: 'u' });
    expect(JSON.stringify(safe)).not.toContain('Анна');
    expect(safeError('plain string')).toEqual({ type: 'string', message: 'plain string' });
    expect(safeError({ text: TEXT })).toEqual({ type: 'object', message: '[not an Error]' });
  });

  it('gives BullMQ an error without the parameters, of the same name, and leaves clean errors as they are', () => {
    const clean = withoutPersonalData(queryError());
    expect(clean.message).not.toContain('Анна');
    expect(clean.stack).not.toContain('Лесной');
    expect(clean.name).toBe('Error');
    const plain = new Error('no answer in 15 s');
    expect(withoutPersonalData(plain)).toBe(plain);
  });
});

describe('the logger', () => {
  it('writes no personal data at any level, whatever error or object it is handed', () => {
    const { log, written } = capture();
    log.trace({ err: queryError() }, 'insert failed');
    log.debug({ err: grammyError() }, 'card not sent');
    log.error(new Error('wrapped', { cause: grammyError() }));
    log.warn({ err: queryError().message }, 'as a message string');
    log.info({ incident: { id: 7, text: TEXT, author: { name: NAME } } }, 'nested');
    log.info({ job: { payload: { text: TEXT } } }, 'job');
    const out = written();
    expect(out.split('\n').filter(Boolean)).toHaveLength(6);
    expect(out).toContain('sendMessage');
    expect(out).not.toContain('Анна');
    expect(out).not.toContain('Лесной');
  });
});
