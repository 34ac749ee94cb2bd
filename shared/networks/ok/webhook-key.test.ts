import { describe, expect, it } from 'vitest';
import { carriesOkWebhookKey, okWebhookKey, withOkWebhookKey, withoutOkWebhookKey } from './webhook-key.js';

describe('the OK webhook key', () => {
  const key = okWebhookKey('tkn1FakeOkGroupToken:CQABPOJKAKEKEKEKE');

  it('is the same for one group token, another for another, and does not contain the token', () => {
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(okWebhookKey('tkn1FakeOkGroupToken:CQABPOJKAKEKEKEKE')).toBe(key);
    expect(okWebhookKey('tkn1AnotherGroupToken:XYZXYZXYZ')).not.toBe(key);
    expect(key).not.toContain('CQABPOJ');
  });

  it('rides in the subscribed URL and is left out of logged ones', () => {
    const url = withOkWebhookKey('https://otklik.example.ru/webhooks/ok', key);
    expect(url).toBe(`https://otklik.example.ru/webhooks/ok?key=${key}`);
    expect(withoutOkWebhookKey(url)).toBe('https://otklik.example.ru/webhooks/ok');
    expect(withOkWebhookKey('https://otklik.example.ru/webhooks/ok?a=1', key)).toBe(`https://otklik.example.ru/webhooks/ok?a=1&key=${key}`);
  });

  it('is recognised only exactly, once, in the query', () => {
    expect(carriesOkWebhookKey(`/webhooks/ok?key=${key}`, key)).toBe(true);
    expect(carriesOkWebhookKey('/webhooks/ok', key)).toBe(false);
    expect(carriesOkWebhookKey(undefined, key)).toBe(false);
    expect(carriesOkWebhookKey(`/webhooks/ok?key=${key.slice(1)}`, key)).toBe(false);
    expect(carriesOkWebhookKey(`/webhooks/ok?key=${okWebhookKey('tkn1AnotherGroupToken:XYZXYZXYZ')}`, key)).toBe(false);
    expect(carriesOkWebhookKey(`/webhooks/ok?key=${key}&key=${key}`, key)).toBe(false);
    expect(carriesOkWebhookKey('/webhooks/ok?key=%E0%A4%A', key)).toBe(false);
    expect(carriesOkWebhookKey('//[', key)).toBe(false);
  });
});
