/**
 * The one contract every citizens' network meets. An adapter turns the
 * network's own events into an InboundMessage and publishes replies in the
 * same thread; the rest of Otklik never looks at a network's payload.
 * A network is one folder under shared/networks/ and one line in registry.ts.
 */
export { networkIds, isNetworkId, NETWORK_TEXT_MAX, processingTextMax, textForProcessing } from '../core/incident/message.js';
export type { NetworkId, MessageKind, Attachment, Thread, InboundMessage } from '../core/incident/message.js';
import type { NetworkId, MessageKind, Thread, InboundMessage } from '../core/incident/message.js';
import type { AppContext } from './context.js';

/** A channel post and its automatic copy in the linked discussion chat (Telegram): comments live under the copy. */
export type ThreadMap = {
  channelChatId: number;
  channelPostId: number;
  discussionChatId: number;
  discussionMessageId: number;
  /** The channel's public @username, when it has one: links then go through t.me/<username>. */
  channelUsername?: string;
};

/**
 * What an adapter makes of one inbound event. Only `message` may become an
 * incident; every other outcome carries a short `reason` for the log (ids
 * and kinds only: no personal data). Unknown or malformed events are
 * `ignored`/`invalid`, never thrown.
 */
export type ParsedEvent =
  | { outcome: 'message'; message: InboundMessage }
  /** A known message was edited: `message` is its new content under the same sourceKey. */
  | { outcome: 'edit'; sourceKey: string; message: InboundMessage; reason: string }
  /** A message was deleted (by its author or a moderator): the card shows it. */
  | { outcome: 'deleted'; network: NetworkId; sourceKey: string; deletedBy?: string; reason: string }
  /** A mapping the caller stores because the network cannot be asked for it later. */
  | { outcome: 'thread_map'; network: NetworkId; map: ThreadMap; reason: string }
  /**
   * Someone liked a message in a thread: the citizen's own (`sourceKey`, as
   * its message would have it) or ours (`place` + `messageId` match a
   * published reply). `reactionKey` names the like (one person, one object)
   * so a redelivery records nothing twice. Ingest drops likes of anything else.
   */
  | { outcome: 'like'; network: NetworkId; likerId: string; sourceKey: string; place: Thread; messageId: string; reactionKey: string; reason: string }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'invalid'; reason: string };

/** The message a reply answers: the incident's kind and thread as ingest stored them. */
export type ReplyTarget = { kind: MessageKind; thread: Thread };

/** A photo to attach, as bytes. */
export type PhotoInput = { type: 'photo'; data: Uint8Array; filename?: string; contentType?: string };
/** A video or a document (a scan, a plan) to attach, as bytes: evidence «фото- или видеоматериалов» the regulations ask for. */
export type FileInput = { type: 'video' | 'document'; data: Uint8Array; filename?: string; contentType?: string };
/** Anything a reply can carry as bytes. */
export type UploadInput = PhotoInput | FileInput;
/** A photo already on the network (from uploadMedia): `ref` is the network's attachment handle. */
export type UploadedMedia = { type: 'uploaded'; network: NetworkId; ref: string };
export type MediaInput = PhotoInput | FileInput | UploadedMedia;

export type Reply = {
  /**
   * The outbox row's id. Publishing the same outbox id twice must not post
   * twice where the network has idempotency keys (VK random_id, guid).
   */
  outboxId: number | string;
  to: ReplyTarget;
  text: string;
  media?: MediaInput[];
  /** Buttons under the reply where the network has them (Telegram): the citizen's rating of the answer (issue 19). */
  buttons?: Array<{ text: string; data: string }>;
};

/**
 * Why a network call failed. `temporary`: retry with backoff (rate limit,
 * server error, no connection). `permanent`: retrying will not help; the card
 * shows the locale text under `reasonKey` (shared/platform/locales/ru/networks.ftl),
 * which says what happened and what the curator can do. `uncertain`: the
 * request may have reached the network (the connection broke after it was
 * sent, or part of the reply went out): repeating it is safe only with an
 * idempotency key.
 */
export type PublishError = {
  kind: 'temporary' | 'permanent' | 'uncertain';
  /** The network's own error code, or a short name for errors outside the network. */
  code: number | string;
  reasonKey: string;
  /** A wait the network asked for (Telegram's retry_after). */
  retryAfterMs?: number;
};

export type PublishResult =
  | { ok: true; messageId: string; permalink?: string }
  | { ok: false; error: PublishError };

export type UploadResult = { ok: true; media: UploadedMedia } | { ok: false; error: PublishError };

/** What a reply of one kind can be on this network, with the credentials given. */
export type Capabilities = {
  maxTextLength: number;
  /** The network lets a published reply be edited later. */
  supportsEditing: boolean;
  /** The reply is attached to the citizen's message (a threaded reply), not merely posted nearby. */
  supportsThreads: boolean;
  canReplyWithPhoto: boolean;
  /** A video goes with the reply (VK: video.save, which only a user token may call). Absent: no. */
  canReplyWithVideo?: boolean;
  /** A document goes with the reply. Absent: no. */
  canReplyWithDocument?: boolean;
  /**
   * null where publishing the same reply twice posts once (VK's random_id and guid): a publish that may
   * or may not have gone out is simply repeated. Elsewhere the locale key the card shows instead, for
   * a person to check and choose: send again, or mark it published.
   */
  unconfirmedKey: string | null;
  /** A locale key saying why replies here are published by hand, or null when Otklik publishes them. */
  needsManualPublication: string | null;
  /** Locale keys of limits the card shows beside the draft (e.g. why a photo cannot go along). */
  notes: string[];
};

/** A network bound to its credentials: what the publish job calls. */
export interface NetworkConnection {
  readonly network: NetworkId;
  capabilities(kind: MessageKind): Capabilities;
  uploadMedia(media: UploadInput, to: ReplyTarget): Promise<UploadResult>;
  /** Never throws for network failures: they come back as `{ ok: false, error }`. */
  publish(reply: Reply): Promise<PublishResult>;
}

/**
 * A network: pure parsing of stored events, a factory for its connection
 * (`Deps` is the network's own credentials/clients), and what the generic
 * flows ask of it with this installation's context. Whatever differs between
 * networks is said here, so the flows never ask which network it is.
 */
export interface NetworkAdapter<N extends NetworkId = NetworkId, Deps = never> {
  readonly id: N;
  /** The network's own id of one inbound event (VK event_id, Telegram update_id): the delivery dedupe key. */
  eventKey(payload: unknown): string | null;
  /** One stored inbound event → its outcome. Pure and total: never throws. */
  parse(payload: unknown): ParsedEvent;
  connect(deps: Deps): NetworkConnection;
  /** The connection with this installation's credentials; null when they are not configured (replies then go by hand). */
  connection(ctx: AppContext): NetworkConnection | null;
  /** Whether a message joins the others of its conversation (bursts, replies); hand-registered ones stand alone. */
  readonly joinsConversations: boolean;
  /** The thread as only earlier events tell it (Telegram: the channel post a discussion comment is under). */
  locate?(ctx: AppContext, message: InboundMessage): Promise<InboundMessage>;
  /** Keeps a `thread_map` outcome: the network says it once and cannot be asked later. */
  keepThreadMap?(ctx: AppContext, map: ThreadMap): Promise<void>;
  /** The author's display name where the event carries only an id (VK): asked once per new incident. */
  authorName?(ctx: AppContext, authorId: string): Promise<string | undefined>;
}
