import { describe, expect, it } from 'vitest';
import { telegramCitizens } from './bots.js';

const STAFF = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_';
const PUBLIC = '987654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_';
const GROUP = -1001234567890;

describe('telegramCitizens', () => {
  it('keeps today\'s one bot when no public token is set', () => {
    expect(telegramCitizens({ TELEGRAM_BOT_TOKEN: STAFF }, { networks: { telegram: { publicBot: true, discussionChatId: GROUP } } })).toEqual({
      publicToken: null,
      privateChats: true,
      discussionChatId: GROUP,
    });
    expect(telegramCitizens({ TELEGRAM_BOT_TOKEN: STAFF }, {}).privateChats).toBe(false);
  });

  it('gives citizens to a second bot when its token differs', () => {
    expect(telegramCitizens({ TELEGRAM_BOT_TOKEN: STAFF, TELEGRAM_PUBLIC_BOT_TOKEN: PUBLIC }, { networks: { telegram: { discussionChatId: GROUP } } })).toEqual({
      publicToken: PUBLIC,
      privateChats: true,
      discussionChatId: GROUP,
    });
  });

  it('treats the staff token named as the public one as one bot that serves citizens', () => {
    expect(telegramCitizens({ TELEGRAM_BOT_TOKEN: STAFF, TELEGRAM_PUBLIC_BOT_TOKEN: STAFF }, {})).toEqual({
      publicToken: null,
      privateChats: true,
      discussionChatId: undefined,
    });
  });
});
