/**
 * How a resolved tap reaches its feature: grammY's own testing shape (botInfo
 * up front, outgoing calls intercepted, updates fed by handleUpdate). The
 * gate's lookups need PostgreSQL and are covered end to end; here the tap
 * arrives already resolved.
 */
import { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { detectedEvent, initialState } from '../../shared/core/incident/index.js';
import type { StaffMember } from '../../shared/platform/config/org.js';
import { t } from '../../shared/platform/i18n.js';
import { buttonGone, onButton } from './buttons.js';
import type { BotContext, PressedButton } from './context.js';

const botInfo: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'Отклик',
  username: 'otklik_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};
const curator: StaffMember = { telegramId: 10, name: 'Куратор', roles: ['curator'] };
const state = initialState(detectedEvent({ incidentId: 42, network: 'vk', at: new Date('2025-04-09T09:00:00Z') }));

function tap(id: number): Update {
  return {
    update_id: id,
    callback_query: { id: `q${id}`, from: { id: curator.telegramId, is_bot: false, first_name: 'Куратор' }, chat_instance: 'c', data: 'opaque' },
  };
}

/** A bot whose taps arrive resolved as `button` from `staff`; returns what it answered each tap with. */
function botWith(staff: StaffMember | null, button: PressedButton, ...features: Parameters<Bot<BotContext>['use']>) {
  const bot = new Bot<BotContext>('0:test', { botInfo });
  const answers: Array<Record<string, unknown>> = [];
  bot.api.config.use(async (_prev, method, payload) => {
    if (method === 'answerCallbackQuery') answers.push(payload as Record<string, unknown>);
    return { ok: true, result: true } as never;
  });
  bot.use((ctx, next) => {
    ctx.staff = staff;
    ctx.button = button;
    return next();
  });
  bot.use(...features);
  return { bot, answers };
}

describe('button handlers', () => {
  it('the handler named for the action answers the tap with its popup, an alert when it is long', async () => {
    const pressed: string[] = [];
    const route = onButton(['route', 'confirm'], async (ctx) => {
      pressed.push(`${ctx.button.action} by ${ctx.staff.telegramId} on №${ctx.button.state.incidentId}`);
      return ctx.button.action === 'route' ? '' : 'о'.repeat(61);
    });
    const reject = onButton('reject', async () => 'не тот');
    for (const action of ['route', 'confirm'] as const) {
      const { bot, answers } = botWith(curator, { action, args: {}, state, chatId: -100 }, reject, route, buttonGone());
      await bot.handleUpdate(tap(1));
      expect(answers).toEqual([action === 'route' ? { callback_query_id: 'q1' } : { callback_query_id: 'q1', text: 'о'.repeat(61), show_alert: true }]);
    }
    expect(pressed).toEqual(['route by 10 on №42', 'confirm by 10 on №42']);
  });

  it('an action no feature handles is answered as a stale button', async () => {
    const { bot, answers } = botWith(curator, { action: 'take', args: {}, state, chatId: -100 }, onButton('route', async () => 'маршрут'), buttonGone());
    await bot.handleUpdate(tap(2));
    expect(answers).toEqual([{ callback_query_id: 'q2', text: t('button-gone') }]);
  });

  it('a tap from someone not on staff never reaches a handler', async () => {
    let reached = false;
    const route = onButton('route', async () => {
      reached = true;
      return '';
    });
    const { bot, answers } = botWith(null, { action: 'route', args: {}, state, chatId: -100 }, route, buttonGone());
    await bot.handleUpdate(tap(3));
    expect(reached).toBe(false);
    expect(answers).toEqual([{ callback_query_id: 'q3', text: t('button-gone') }]);
  });
});
