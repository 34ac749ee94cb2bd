import { describe, expect, it } from 'vitest';
import type { AppContext } from './context.js';
import { connectNetwork } from './connect.js';
import { networks, parseInboundEvent, type NetworkRegistry } from './registry.js';
import { networkIds } from './types.js';
import { unwiredNetwork } from './unwired.js';

describe('the network registry', () => {
  it('has exactly one adapter per network id, under its own id', () => {
    expect(Object.keys(networks).sort()).toEqual([...networkIds].sort());
    for (const id of networkIds) expect(networks[id].id).toBe(id);
  });

  it('refuses to compile when a network is not wired', () => {
    // @ts-expect-error — "manual" is missing: tsc --noEmit fails if this line ever compiles.
    const incomplete: NetworkRegistry = { vk: networks.vk, ok: networks.ok, telegram: networks.telegram };
    expect(Object.keys(incomplete)).not.toContain('manual');
  });

  it('routes events by network and ignores what it cannot route', () => {
    expect(parseInboundEvent('ok', { anything: true })).toEqual({ outcome: 'invalid', reason: 'not an OK chat message webhook' });
    expect(parseInboundEvent('fax', {})).toEqual({ outcome: 'ignored', reason: 'no parser for network fax' });
  });

  it('publishes nothing for a network not wired yet, and says so on the card', async () => {
    const ok = unwiredNetwork('ok').connect();
    expect(ok.capabilities('comment').needsManualPublication).toBe('publish-network-unwired');
    expect(await ok.publish({ outboxId: 1, to: { kind: 'comment', thread: {} }, text: 'x' })).toEqual({
      ok: false,
      error: { kind: 'permanent', code: 'manual', reasonKey: 'publish-network-unwired' },
    });
  });

  it('publishes by hand on a network whose credentials are not configured, and on one it does not know', () => {
    const bare = { vk: null, ok: null, telegramReplies: null } as unknown as AppContext;
    for (const network of ['vk', 'ok', 'telegram', 'manual', 'fax']) {
      expect(connectNetwork(bare, network).capabilities('comment').needsManualPublication).toBe('publish-manual');
    }
  });
});
