import { describe, expect, it } from 'vitest';
import { okSessionSecret, okSignature } from './rest-sign.js';

describe('the OK REST signature', () => {
  it('matches aiookru\'s documented server-server example', () => {
    // https://konstantintogoi.github.io/aiookru/api ("Server-Server signature generation circuit")
    const token = '-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7';
    const secret = okSessionSecret(token, 'ABC123DEF456GHI789JKL123');
    expect(secret).toBe('b1a2b89707a94624c43afae67d59274c');
    const params = { method: 'events.get', format: 'json', application_key: 'ABCDEFGHIGKLMNOPK', access_token: token };
    expect(okSignature(params, secret)).toBe('232c8eb921951c4dba9b72606f9ddb4c');
  });

  it('matches pyodnoklassniki\'s OAuth 2.0 test vector', () => {
    // marselester/pyodnoklassniki tests/test_requestor.py, OAuth2APIRequestorSignatureTest
    const params = { application_key: 'app key', method: 'users.getCurrentUser', access_token: 'access token' };
    expect(okSignature(params, okSessionSecret('access token', 'app secret key'))).toBe('8a41a73bcef600b6a3464158b2059549');
  });

  it('signs sorted values as sent, ignoring an old sig, and changes with any value', () => {
    const secret = okSessionSecret('t', 's');
    const a = okSignature({ b: '2', a: 'Привет & мир', sig: 'old' }, secret);
    expect(a).toBe(okSignature({ a: 'Привет & мир', b: '2' }, secret));
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(okSignature({ a: 'Привет & мир', b: '3' }, secret)).not.toBe(a);
  });
});
