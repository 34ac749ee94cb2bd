import { describe, expect, it } from 'vitest';
import { NETWORK_TEXT_MAX, processingTextMax, textForProcessing } from './message.js';

describe('a message\'s text as processed', () => {
  it('is capped at the network\'s own limit for the kind of message', () => {
    expect(processingTextMax('telegram', 'direct')).toBe(4096);
    expect(processingTextMax('telegram', 'comment')).toBe(4096);
    expect(processingTextMax('vk', 'direct')).toBe(4096);
    expect(processingTextMax('vk', 'comment')).toBe(16_384);
    expect(processingTextMax('vk', 'board_post')).toBe(16_384);
    expect(processingTextMax('ok', 'direct')).toBe(NETWORK_TEXT_MAX.ok);
    expect(processingTextMax('manual', 'direct')).toBe(NETWORK_TEXT_MAX.manual);
  });

  it('leaves a text within the limit as it is and cuts a longer one there, never inside a surrogate pair', () => {
    const short = 'Нет света в доме 5';
    expect(textForProcessing({ network: 'vk', kind: 'direct', text: short })).toBe(short);
    const long = 'я'.repeat(100_000);
    expect(textForProcessing({ network: 'vk', kind: 'direct', text: long })).toBe('я'.repeat(4096));
    expect(textForProcessing({ network: 'vk', kind: 'comment', text: long })).toHaveLength(16_384);
    // An emoji (two UTF-16 units) across the limit is left out whole.
    const emoji = 'а'.repeat(4095) + '😀' + 'б';
    expect(textForProcessing({ network: 'telegram', kind: 'direct', text: emoji })).toBe('а'.repeat(4095));
    // An unknown network (a stored row of one since removed) gets the smallest limit.
    expect(textForProcessing({ network: 'mastodon', kind: 'direct', text: long })).toHaveLength(4096);
  });
});
