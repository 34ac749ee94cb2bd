/**
 * Which failed requests may still have reached the network, on real sockets
 * and with the clients the adapters use: grammY's (node-fetch) and Node's
 * fetch (OK). A refused connection never carried anything; a connection the
 * server closed after reading the request, or a timeout, may have.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, HttpError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../test/kit/ports.js';
import { mayHaveArrived } from './transport.js';

const TOKEN = '7000000001:AAFakeTokenForOtklikTransportTest00';
let cutOff: Server;
let silent: Server;
let cutOffRoot: string;
let silentRoot: string;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  // Reads the whole request (as a network that acted on it would), then drops the connection unanswered.
  cutOff = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.socket?.destroy());
  });
  // Never answers.
  silent = createServer((req) => req.resume());
  cutOffRoot = await listen(cutOff);
  silentRoot = await listen(silent);
});
afterAll(() => {
  for (const s of [cutOff, silent]) {
    s.closeAllConnections();
    s.close();
  }
});

const thrown = async (p: Promise<unknown>): Promise<unknown> => p.then(() => expect.fail('expected a failure'), (err: unknown) => err);

describe('mayHaveArrived', () => {
  it('no: the connection was refused (grammY and fetch)', async () => {
    const root = `http://127.0.0.1:${await closedPort()}`;
    const grammy = await thrown(new Api(TOKEN, { apiRoot: root }).sendMessage(1, 'x'));
    expect(grammy).toBeInstanceOf(HttpError);
    expect(mayHaveArrived((grammy as HttpError).error)).toBe(false);
    expect(mayHaveArrived(await thrown(fetch(`${root}/graph/me/messages/chat:1`, { method: 'POST', body: '{}' })))).toBe(false);
  });

  it('no: the name does not resolve', () => {
    const err = Object.assign(new Error('getaddrinfo ENOTFOUND api.telegram.org'), { code: 'ENOTFOUND' });
    expect(mayHaveArrived(new TypeError('fetch failed', { cause: err }))).toBe(false);
  });

  it('yes: the server read the request and closed the connection (grammY and fetch)', async () => {
    const grammy = await thrown(new Api(TOKEN, { apiRoot: cutOffRoot }).sendMessage(1, 'x'));
    expect(grammy).toBeInstanceOf(HttpError);
    expect(mayHaveArrived((grammy as HttpError).error)).toBe(true);
    expect(mayHaveArrived(await thrown(fetch(`${cutOffRoot}/graph/me/messages/chat:1`, { method: 'POST', body: '{}' })))).toBe(true);
  });

  it('yes: no answer in time', async () => {
    const err = await thrown(fetch(`${silentRoot}/graph/me/messages/chat:1`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) }));
    expect(mayHaveArrived(err)).toBe(true);
  });

  it('yes: an error that says nothing about where it happened', () => {
    expect(mayHaveArrived(new Error('something broke'))).toBe(true);
    expect(mayHaveArrived(undefined)).toBe(true);
  });
});
