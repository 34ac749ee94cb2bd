/**
 * The "manual" network: incidents staff register by hand. Otklik cannot
 * reach where the original was, so every reply is published by a person,
 * who then marks it published.
 */
import type { Capabilities, NetworkAdapter, NetworkConnection, ParsedEvent, PublishError } from '../types.js';
import { manualEntry } from './entry.js';

export const manualCapabilities = (reasonKey = 'publish-manual'): Capabilities => ({
  maxTextLength: Number.MAX_SAFE_INTEGER,
  supportsEditing: false,
  supportsThreads: false,
  canReplyWithPhoto: false,
  unconfirmedKey: null,
  needsManualPublication: reasonKey,
  notes: [],
});

/** A connection that publishes nothing and says why: for networks whose replies a person posts. */
export function byHandConnection(network: NetworkConnection['network'], reasonKey = 'publish-manual'): NetworkConnection {
  const error: PublishError = { kind: 'permanent', code: 'manual', reasonKey };
  return {
    network,
    capabilities: () => manualCapabilities(reasonKey),
    uploadMedia: async () => ({ ok: false, error }),
    publish: async () => ({ ok: false, error }),
  };
}

export function parseManualEntry(payload: unknown): ParsedEvent {
  const parsed = manualEntry.safeParse(payload);
  if (!parsed.success) return { outcome: 'invalid', reason: 'not a manual registration' };
  const e = parsed.data;
  return {
    outcome: 'message',
    message: {
      network: 'manual',
      kind: e.kind,
      sourceKey: `manual:${e.id}`,
      thread: { registeredBy: e.registeredBy, ...(e.link ? { link: e.link } : {}), ...(e.source ? { source: e.source } : {}) },
      // An unknown author gets an id of its own, so two unknown people are never taken for one.
      author: { id: e.author.id ?? `manual:${e.id}`, ...(e.author.name ? { name: e.author.name } : {}), ...(e.author.link ? { link: e.author.link } : {}) },
      text: e.text,
      attachments: e.attachments,
      ...(e.link ? { permalink: e.link } : {}),
      postedAt: new Date(e.postedAt ?? e.registeredAt),
    },
  };
}

export const manualNetwork: NetworkAdapter<'manual', void> = {
  id: 'manual',
  eventKey(payload) {
    const id = (payload as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? id : null;
  },
  parse: parseManualEntry,
  connect: () => byHandConnection('manual'),
  connection: () => byHandConnection('manual'),
  // Each registered by hand on its own: Otklik does not know the conversation it came from.
  joinsConversations: false,
};
