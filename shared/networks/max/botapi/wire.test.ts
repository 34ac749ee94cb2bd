import { describe, expect, it } from 'vitest';
import { addressOf, chatOf, errorBodyOf, htmlOf, keyboardOf, MAX_TEXT_LIMIT } from './wire.js';
import { fileIdOf, parseFileId } from './files.js';

describe('the Bot API subset as MAX wire', () => {
  it('turns an inline keyboard into MAX buttons: callbacks keep their data, URLs become links', () => {
    expect(keyboardOf({ inline_keyboard: [[{ text: '✅ Направить', callback_data: 'a1' }, { text: '✍️ Ответ', url: 'https://max.ru/bot?start=d7' }]] })).toEqual({
      type: 'inline_keyboard',
      payload: { buttons: [[{ type: 'callback', text: '✅ Направить', payload: 'a1' }, { type: 'link', text: '✍️ Ответ', url: 'https://max.ru/bot?start=d7' }]] },
    });
    // force_reply has no MAX counterpart and adds nothing.
    expect(keyboardOf({ force_reply: true })).toBeNull();
    expect(keyboardOf(undefined)).toBeNull();
  });

  it('keeps Telegram HTML but the quote, and never goes over MAX\'s 4000 characters', () => {
    expect(htmlOf('<b>№1</b>\n<blockquote>Яма</blockquote>')).toBe('<b>№1</b>\n<i>Яма</i>');
    const long = htmlOf('я'.repeat(5000));
    expect(long).toHaveLength(MAX_TEXT_LIMIT);
    expect(long.endsWith('…')).toBe(true);
  });

  it('addresses a person by user_id and a group by chat_id', () => {
    expect(addressOf(101)).toEqual({ user_id: 101 });
    expect(addressOf(-70_000_000_001)).toEqual({ chat_id: -70_000_000_001 });
  });

  it('names a dialog by the person in it, whoever sent the message', () => {
    const dialog = { recipient: { chat_id: 555, chat_type: 'dialog' as const, user_id: 9, post_id: null } };
    const fromPerson = { ...dialog, sender: { user_id: 101, name: 'Ирина', first_name: 'Ирина', username: null, is_bot: false, last_activity_time: 0 } };
    const fromBot = { recipient: { chat_id: 555, chat_type: 'dialog' as const, user_id: 101, post_id: null }, sender: { user_id: 9, name: 'Бот', first_name: 'Бот', username: null, is_bot: true, last_activity_time: 0 } };
    expect(chatOf(fromPerson, 9)).toMatchObject({ id: 101, type: 'private' });
    expect(chatOf(fromBot, 9)).toMatchObject({ id: 101, type: 'private' });
    expect(chatOf({ recipient: { chat_id: -5, chat_type: 'chat', user_id: null, post_id: null } }, 9)).toMatchObject({ id: -5, type: 'group' });
  });

  it('words MAX failures as Telegram does where the staff side reads the words', () => {
    expect(errorBodyOf(429, 'too.many.requests', 'slow down', 'sendMessage')).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    expect(errorBodyOf(404, 'message.not.found', 'gone', 'editMessageText').description).toMatch(/^Bad Request: message to edit not found/);
    expect(errorBodyOf(404, 'message.not.found', 'gone', 'deleteMessage').description).toMatch(/^Bad Request: message to delete not found/);
    expect(errorBodyOf(403, 'chat.denied', 'no access', 'sendMessage')).toMatchObject({ error_code: 403 });
  });

  it('carries a MAX file\'s token, URL and size in its file id, and refuses anything else', () => {
    const file = { token: 'tok123', url: 'https://files.max.ru/x?y=1:2', size: 42 };
    expect(parseFileId(fileIdOf(file))).toEqual(file);
    expect(parseFileId('AgACAgIAAxkBAAIB')).toBeNull();
    expect(parseFileId('mx1.not-json')).toBeNull();
  });
});
