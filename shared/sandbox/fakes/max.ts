/**
 * A fake MAX Bot API server (https://platform-api.max.ru) for tests and the
 * demo, speaking the wire protocol the official client @maxhub/max-bot-api
 * sends: the token in the `Authorization` header, JSON bodies, errors as
 * `{code, message}` with an HTTP status. Point the client at `apiRoot`
 * (`createClient(token, { baseUrl })`). See README.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Attachment, Button, Update } from '@maxhub/max-bot-api/types';
import { CallLog, type LoggedCall } from './call-log.js';
import { closeServer, listen, readBody, sendJson } from './http-util.js';
import { multipartBoundary, parseMultipart } from './multipart.js';
import { MAX_LIMITS, MaxState, type FakeMaxMessage } from './max-state.js';

export { MAX_LIMITS } from './max-state.js';

export type MaxCall = LoggedCall & { httpMethod: string; query: Record<string, string>; body: unknown; status: number };
export type MaxErrorSpec = { status: number; code: string; message: string };

/** Errors as MAX answers them. */
export const MAX_ERRORS = {
  unauthorized: { status: 401, code: 'verify.token', message: 'Invalid access_token' },
  notFound: { status: 404, code: 'not.found', message: 'Chat not found' },
  forbidden: { status: 403, code: 'chat.denied', message: 'chat.denied' },
  service: { status: 503, code: 'service.unavailable', message: 'Service unavailable' },
} as const satisfies Record<string, MaxErrorSpec>;

/** A file attached in the MAX app: a photo, a video or a document. */
export type UserFile = { kind: 'image' | 'video' | 'file'; bytes: Buffer; filename?: string };
/** Someone writes: in their dialog with the bot, or with `chatId` in a group chat; `replyTo` a message's mid. */
export type UserWrites = { userId: number; name?: string; text: string; chatId?: number; photoUrl?: string; files?: UserFile[]; replyTo?: string };

export type FakeMaxOptions = {
  port?: number;
  host?: string;
  token?: string;
  bot?: { id: number; name: string; username: string };
  now?: () => number;
  limits?: Partial<typeof MAX_LIMITS>;
};

export type FakeMax = {
  apiRoot: string;
  token: string;
  state: MaxState;
  calls: CallLog<MaxCall>;
  /** A citizen writes to the bot (a private dialog) or, with `chatId`, in a group chat where the bot is admin. */
  citizenWrites(opts: UserWrites): FakeMaxMessage;
  /** Someone presses a callback button under one of the bot's messages; returns the callback_id. */
  pressButton(opts: { userId: number; name?: string; mid: string; payload: string }): string;
  /** The user opens the bot (Start). */
  startBot(opts: { userId: number; name?: string; payload?: string }): void;
  editMessage(mid: string, text: string): void;
  removeMessage(mid: string, userId: number): void;
  /** Messages the bot sent, oldest first. */
  sent(): FakeMaxMessage[];
  /** Messages in a chat (a dialog: dialogOf(userId)), oldest first, deleted ones left out. */
  messages(chatId: number): FakeMaxMessage[];
  dialogOf(userId: number): number;
  addGroupChat(chatId: number, title: string): void;
  photo(token: string): Buffer | undefined;
  callbackAnswer(callbackId: string): { message?: unknown; notification?: string | null } | undefined;
  /** The next `times` calls of `method` ("POST /messages") fail so. */
  failNext(method: string, spec: MaxErrorSpec, times?: number): void;
  subscriptions(): { url: string; secret?: string }[];
  close(): Promise<void>;
};

type Fail = { spec: MaxErrorSpec; left: number };
class ApiError extends Error {
  constructor(readonly spec: MaxErrorSpec) {
    super(spec.message);
  }
}
const formatOf = (format: unknown): { format?: 'html' | 'markdown' } => (format === 'html' || format === 'markdown' ? { format } : {});
const bad = (message: string): never => {
  throw new ApiError({ status: 400, code: 'proto.payload', message });
};

export async function startFakeMax(opts: FakeMaxOptions = {}): Promise<FakeMax> {
  const now = opts.now ?? Date.now;
  const token = opts.token ?? 'fake-max-token-000000000000000000000000';
  const limits = { ...MAX_LIMITS, ...opts.limits };
  const state = new MaxState(opts.bot ?? { id: 9_000_001, name: 'Администрация', username: 'otklik_max_bot' }, now);
  const calls = new CallLog<MaxCall>();
  const fails = new Map<string, Fail>();
  const subscriptions: { url: string; secret?: string; time: number; update_types?: string[] }[] = [];
  const requestTimes: number[] = [];
  const pollers = new Set<() => void>();
  let delivering = Promise.resolve();
  let confirmed = 0;
  let closed = false;
  let apiRoot = '';

  const wakePollers = () => {
    for (const wake of [...pollers]) wake();
  };

  /** Queues the update for long polling, or POSTs it to every subscription (retried as MAX does). */
  function emit(update: Update): void {
    state.push(update);
    if (subscriptions.length === 0) return wakePollers();
    // A subscription with update_types gets only those (MAX's rule); with a webhook there is no polling.
    const targets = subscriptions.filter((s) => !s.update_types || s.update_types.includes(update.update_type));
    delivering = delivering.then(async () => {
      for (const s of targets) await deliver(s, update);
    });
  }

  async function deliver(s: { url: string; secret?: string }, update: Update): Promise<void> {
    for (let attempt = 0; attempt < 5 && !closed; attempt += 1) {
      try {
        const res = await fetch(s.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(s.secret ? { 'X-Max-Bot-Api-Secret': s.secret } : {}) },
          body: JSON.stringify(update),
        });
        await res.arrayBuffer();
        if (res.ok) return;
      } catch {
        // Retried below.
      }
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }

  function rateLimited(): boolean {
    const t = now();
    while (requestTimes.length && requestTimes[0]! <= t - 1000) requestTimes.shift();
    if (requestTimes.length >= limits.requestsPerSecond) return true;
    requestTimes.push(t);
    return false;
  }

  function checkKeyboard(buttons: unknown): void {
    if (!Array.isArray(buttons)) bad('attachments.payload.buttons: must be an array of rows');
    const rows = buttons as unknown[];
    if (rows.length > limits.keyboardRows) bad(`buttons: at most ${limits.keyboardRows} rows`);
    let total = 0;
    for (const row of rows) {
      if (!Array.isArray(row)) bad('buttons: every row must be an array');
      const r = row as Button[];
      if (r.length > limits.buttonsPerRow) bad(`buttons: at most ${limits.buttonsPerRow} buttons in a row`);
      total += r.length;
      for (const b of r) {
        if (!b || typeof b.text !== 'string' || b.text === '') bad('button.text: must not be empty');
        if (b.text.length > limits.buttonTextMax) bad(`button.text: size must be between 1 and ${limits.buttonTextMax}`);
        if (b.type === 'callback') {
          if (typeof b.payload !== 'string' || b.payload === '') bad('button.payload: must not be empty');
          if (b.payload.length > limits.callbackPayloadMax) bad(`button.payload: size must be between 1 and ${limits.callbackPayloadMax}`);
        } else if (b.type === 'link') {
          if (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url)) bad('button.url: must be an http(s) URL');
        }
      }
    }
    if (total > limits.buttonsTotal) bad(`buttons: at most ${limits.buttonsTotal} buttons`);
  }

  /** Request attachments → the attachments the message carries. */
  function attachmentsOf(raw: unknown): Attachment[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) bad('attachments: must be an array');
    const out: Attachment[] = [];
    for (const a of raw as { type?: unknown; payload?: Record<string, unknown> }[]) {
      const payload = a?.payload ?? {};
      if (a?.type === 'inline_keyboard') {
        checkKeyboard(payload.buttons);
        out.push({ type: 'inline_keyboard', payload: { buttons: payload.buttons as Button[][] } });
      } else if (a?.type === 'image') {
        const tokens: string[] = [];
        if (typeof payload.token === 'string') tokens.push(payload.token);
        if (payload.photos && typeof payload.photos === 'object') {
          for (const p of Object.values(payload.photos as Record<string, { token?: unknown }>)) if (typeof p?.token === 'string') tokens.push(p.token);
        }
        if (typeof payload.url === 'string') {
          out.push({ type: 'image', payload: { url: payload.url, token: randomUUID(), photo_id: out.length + 1 } });
          continue;
        }
        if (tokens.length === 0) bad('attachment.image: token, url or photos required');
        for (const t of tokens) {
          if (!state.photos.has(t)) throw new ApiError({ status: 400, code: 'attachment.file.not.found', message: 'Attachment not found' });
          out.push({ type: 'image', payload: { url: `${apiRoot}/files/${t}`, token: t, photo_id: out.length + 1 } });
        }
      } else if (a?.type === 'video' || a?.type === 'file' || a?.type === 'audio') {
        const t = payload.token;
        if (typeof t !== 'string') bad(`attachment.${a.type}: token required (upload it first)`);
        const file = state.photos.get(t as string);
        if (!file || file.kind !== a.type) throw new ApiError({ status: 400, code: 'attachment.file.not.found', message: 'Attachment not found' });
        out.push({
          type: a.type,
          payload: { url: `${apiRoot}/files/${t as string}`, token: t as string },
          ...(a.type === 'file' ? { filename: file.filename, size: file.bytes.length } : {}),
        } as Attachment);
      } else {
        bad(`attachment type ${String(a?.type)} is not supported here`);
      }
    }
    return out;
  }

  function checkText(text: unknown, format: unknown): string | null {
    if (text === undefined || text === null) return null;
    if (typeof text !== 'string') bad('text: must be a string');
    if (format !== undefined && format !== null && format !== 'html' && format !== 'markdown') bad('format: must be html or markdown');
    const t = text as string;
    if (t.length > limits.textMax) bad(`text: size must be between 0 and ${limits.textMax}`);
    return t;
  }

  /** The bot's own settings: here its command menu. */
  function editMe(body: Record<string, unknown>) {
    if (body.commands !== undefined && body.commands !== null) {
      if (!Array.isArray(body.commands)) bad('commands: must be an array');
      const commands = body.commands as Array<{ name?: unknown; description?: unknown }>;
      if (commands.length > 32) bad('commands: at most 32');
      for (const c of commands) if (typeof c.name !== 'string' || !/^[a-z0-9_]{1,64}$/.test(c.name)) bad('commands.name: 1-64 of a-z, 0-9, _');
      state.commands = commands.map((c) => ({ name: c.name as string, description: typeof c.description === 'string' ? c.description : null }));
    }
    return { ...state.bot, description: null, commands: state.commands };
  }

  const api: Record<string, (q: Record<string, string>, body: Record<string, unknown>, path: string[]) => unknown> = {
    'GET /me': () => ({ ...state.bot, description: null, commands: state.commands.length ? state.commands : null }),
    'PATCH /me': (_q, body) => editMe(body),
    // Where the official client sends its command menu (setMyCommands, deleteMyCommands: editMyCommands).
    'PATCH /me/commands': (_q, body) => editMe(body),
    'GET /chats': () => ({ chats: [...state.chats.values()].filter((c) => c.type !== 'dialog').map(({ members: _m, ...c }) => c), marker: null }),
    'GET /chats/:id': (_q, _b, [id]) => {
      const chat = state.chats.get(Number(id));
      if (!chat) throw new ApiError(MAX_ERRORS.notFound);
      const { members: _m, ...c } = chat;
      return c;
    },
    'POST /messages': (q, body) => {
      let chatId: number;
      if (q.chat_id) {
        chatId = Number(q.chat_id);
        if (!state.chats.has(chatId)) throw new ApiError(MAX_ERRORS.notFound);
      } else if (q.user_id) {
        chatId = state.dialogOf(Number(q.user_id));
      } else return bad('chat_id or user_id required');
      const text = checkText(body.text, body.format);
      const attachments = attachmentsOf(body.attachments);
      if ((text === null || text === '') && attachments.length === 0) bad('text or attachments required');
      const linkReq = body.link as { type?: unknown; mid?: unknown } | null | undefined;
      let link: FakeMaxMessage['link'] = null;
      if (linkReq) {
        if (linkReq.type !== 'reply' && linkReq.type !== 'forward') bad('link.type: must be reply or forward');
        const target = typeof linkReq.mid === 'string' ? state.messages.get(linkReq.mid) : undefined;
        if (!target || target.deleted) throw new ApiError({ status: 404, code: 'message.not.found', message: 'Linked message not found' });
        if (linkReq.type === 'reply' && target.chatId !== chatId) bad('link.mid: reply to a message of another chat');
        link = { type: linkReq.type as 'reply' | 'forward', sender: target.sender ?? null, chat_id: target.chatId, message: target.body };
      }
      const chat = state.chats.get(chatId)!;
      const dialogUser = chat.type === 'dialog' ? [...chat.members].find((m) => m !== state.bot.user_id) ?? null : null;
      const m = state.record({
        chatId,
        sender: state.bot,
        recipient: { chat_id: chatId, chat_type: chat.type, user_id: dialogUser, post_id: null },
        link,
        body: { mid: state.newMid(), seq: state.nextSeq(), text: text ?? '', attachments },
        ...formatOf(body.format),
      });
      return { message: MaxState.wire(m) };
    },
    'GET /messages/:id': (_q, _b, [mid]) => {
      const m = state.messages.get(mid!);
      if (!m || m.deleted) throw new ApiError({ status: 404, code: 'message.not.found', message: 'Message not found' });
      return MaxState.wire(m);
    },
    'PUT /messages': (q, body) => {
      const m = state.messages.get(q.message_id ?? '');
      if (!m || m.deleted) throw new ApiError({ status: 404, code: 'message.not.found', message: 'Message not found' });
      if (m.sender?.user_id !== state.bot.user_id) throw new ApiError({ status: 403, code: 'access.denied', message: 'You can edit only your own messages' });
      const text = checkText(body.text, body.format);
      if (text !== null) {
        m.body.text = text;
        m.format = formatOf(body.format).format;
      }
      if (body.attachments !== undefined) m.body.attachments = attachmentsOf(body.attachments);
      m.edited = true;
      return { success: true };
    },
    'DELETE /messages': (q) => {
      const m = state.messages.get(q.message_id ?? '');
      if (!m || m.deleted) throw new ApiError({ status: 404, code: 'message.not.found', message: 'Message not found' });
      m.deleted = true;
      return { success: true };
    },
    'POST /answers': (q, body) => {
      const id = q.callback_id ?? '';
      if (!state.callbacks.has(id)) throw new ApiError({ status: 404, code: 'callback.not.found', message: 'Callback not found' });
      if (state.answers.has(id)) bad('callback already answered');
      const notification = typeof body.notification === 'string' ? body.notification : null;
      if (body.message === undefined && notification === null) bad('message or notification required');
      if (body.message && typeof body.message === 'object') {
        const msg = body.message as Record<string, unknown>;
        const m = state.messages.get(state.callbacks.get(id)!.mid)!;
        const text = checkText(msg.text, msg.format);
        if (text !== null) {
          m.body.text = text;
          m.format = formatOf(msg.format).format;
        }
        if (msg.attachments !== undefined) m.body.attachments = attachmentsOf(msg.attachments);
        m.edited = true;
      }
      state.answers.set(id, { ...(body.message !== undefined ? { message: body.message } : {}), notification });
      return { success: true };
    },
    'GET /subscriptions': () => ({ subscriptions: subscriptions.map((s) => ({ url: s.url, time: s.time, update_types: s.update_types ?? null, version: null })) }),
    'POST /subscriptions': (_q, body) => {
      if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) bad('url: must be an http(s) URL');
      const secret = body.secret;
      if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{5,256}$/.test(secret))) bad('secret: 5 to 256 characters A-Z, a-z, 0-9, _ and -');
      const at = subscriptions.findIndex((s) => s.url === body.url);
      if (at >= 0) subscriptions.splice(at, 1);
      subscriptions.push({ url: body.url as string, ...(secret ? { secret: secret as string } : {}), time: now(), ...(Array.isArray(body.update_types) ? { update_types: body.update_types as string[] } : {}) });
      return { success: true };
    },
    'DELETE /subscriptions': (q) => {
      const at = subscriptions.findIndex((s) => s.url === q.url);
      if (at < 0) return { success: false, message: 'Subscription not found' };
      subscriptions.splice(at, 1);
      return { success: true };
    },
    'POST /uploads': (q) => {
      if (!['image', 'video', 'audio', 'file'].includes(q.type ?? '')) bad('type: must be image, video, audio or file');
      const id = randomUUID();
      const kind = q.type as 'image' | 'video' | 'file' | 'audio';
      state.pendingUploads.set(id, kind);
      // Videos and audio get their token with the URL; images and files from the upload's answer.
      return kind === 'video' || kind === 'audio' ? { url: `${apiRoot}/upload/${id}`, token: `v${id.replace(/-/g, '')}` } : { url: `${apiRoot}/upload/${id}` };
    },
  };

  async function upload(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (!state.pendingUploads.has(id)) return sendJson(res, 404, { code: 'upload.not.found', message: 'Upload URL not found' });
    const boundary = multipartBoundary(req.headers['content-type']);
    const body = await readBody(req);
    const part = boundary ? parseMultipart(body, boundary).find((p) => p.name === 'data' && p.filename !== undefined) : undefined;
    if (!part) return sendJson(res, 400, { code: 'upload.bad.request', message: 'multipart field "data" with a file required' });
    const kind = state.pendingUploads.get(id)!;
    state.pendingUploads.delete(id);
    const token = kind === 'video' || kind === 'audio' ? `v${id.replace(/-/g, '')}` : randomUUID().replace(/-/g, '');
    state.photos.set(token, { token, bytes: part.data, filename: part.filename ?? kind, kind });
    if (kind === 'image') return sendJson(res, 200, { photos: { [`${id}`]: { token } } });
    sendJson(res, 200, kind === 'file' ? { fileId: state.photos.size, token } : { token });
  }

  async function updates(q: Record<string, string>, res: ServerResponse, req: IncomingMessage): Promise<void> {
    // A marker confirms every update before it; without one, MAX starts after the last confirmed.
    const marker = q.marker ? Math.max(Number(q.marker) || 0, 0) : confirmed;
    confirmed = Math.max(confirmed, Math.min(marker, state.updates.length));
    const limit = Math.min(Math.max(Number(q.limit ?? 100) || 100, 1), 1000);
    const timeout = Math.min(Math.max(Number(q.timeout ?? 30) || 0, 0), 90);
    const types = q.types ? q.types.split(',') : null;
    const pick = () => state.updates.slice(marker).filter((u) => !types || types.includes(u.update_type)).slice(0, limit);
    let found = pick();
    if (found.length === 0 && timeout > 0 && !closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeout * 1000);
        function done() {
          clearTimeout(timer);
          pollers.delete(done);
          resolve();
        }
        pollers.add(done);
        req.once('close', done);
      });
      found = pick();
    }
    // The marker confirms what was read: the next poll starts after the last update returned.
    const last = found.length ? state.updates.lastIndexOf(found[found.length - 1]!) + 1 : Math.max(marker, state.updates.length);
    sendJson(res, 200, { updates: found, marker: last });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const query = Object.fromEntries(url.searchParams);
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (req.method === 'POST' && path.startsWith('/upload/')) return upload(req, res, path.slice('/upload/'.length));
      if (req.method === 'GET' && path.startsWith('/files/')) {
        const p = state.photos.get(path.slice('/files/'.length));
        if (!p) return sendJson(res, 404, { code: 'not.found', message: 'File not found' });
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': p.bytes.length });
        return void res.end(p.bytes);
      }
      const auth = req.headers.authorization ?? query.access_token;
      if (auth !== token) return sendJson(res, 401, { code: MAX_ERRORS.unauthorized.code, message: MAX_ERRORS.unauthorized.message });
      if (rateLimited()) {
        // As MAX: 429 with a hint of when to come back.
        res.setHeader('retry-after', '1');
        return sendJson(res, 429, { code: 'too.many.requests', message: 'Too many requests, retry after 1 second' });
      }
      const segments = path.split('/').filter(Boolean);
      const method = `${req.method} /${segments.join('/')}`;
      if (method === 'GET /updates') {
        calls.push({ method, httpMethod: 'GET', query, body: null, status: 200 });
        return updates(query, res, req);
      }
      const key = segments.length === 2 && (segments[0] === 'chats' || segments[0] === 'messages') ? `${req.method} /${segments[0]}/:id` : method;
      const handler = api[key];
      let raw: Buffer;
      try {
        raw = await readBody(req);
      } catch {
        return sendJson(res, 413, { code: 'too.large', message: 'Request body too large' });
      }
      let body: Record<string, unknown> = {};
      if (raw.length) {
        try {
          const parsed: unknown = JSON.parse(raw.toString('utf8'));
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        } catch {
          return sendJson(res, 400, { code: 'proto.payload', message: 'Invalid JSON' });
        }
      }
      const logged = (status: number) => calls.push({ method: key, httpMethod: req.method ?? '', query, body, status });
      if (!handler) {
        logged(404);
        return sendJson(res, 404, { code: 'not.found', message: `Unknown path ${path}` });
      }
      const fail = fails.get(key);
      if (fail && fail.left > 0) {
        fail.left -= 1;
        logged(fail.spec.status);
        return sendJson(res, fail.spec.status, { code: fail.spec.code, message: fail.spec.message });
      }
      try {
        const result = handler(query, body, segments.slice(1));
        logged(200);
        sendJson(res, 200, result);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        logged(err.spec.status);
        sendJson(res, err.spec.status, { code: err.spec.code, message: err.spec.message });
      }
    })().catch((err: unknown) => sendJson(res, 500, { code: 'internal', message: String(err) }));
  });
  apiRoot = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');

  /** A file a person attaches from their phone: kept like an upload, so the bot can send it on and download it. */
  const attached = (f: UserFile): Attachment => {
    const token = `${f.kind[0]}${randomUUID().replace(/-/g, '')}`;
    state.photos.set(token, { token, bytes: f.bytes, filename: f.filename ?? f.kind, kind: f.kind });
    const payload = { url: `${apiRoot}/files/${token}`, token };
    if (f.kind === 'image') return { type: 'image', payload: { ...payload, photo_id: state.photos.size } } as Attachment;
    if (f.kind === 'file') return { type: 'file', payload, filename: f.filename ?? 'document', size: f.bytes.length } as Attachment;
    return { type: 'video', payload } as Attachment;
  };

  const userMessage = (o: UserWrites) => {
    const sender = state.user(o.userId, o.name);
    const chatId = o.chatId ?? state.dialogOf(o.userId);
    const chat = state.chats.get(chatId);
    if (!chat) throw new Error(`no chat ${chatId}: addGroupChat first`);
    chat.members.add(o.userId);
    const replied = o.replyTo ? state.messages.get(o.replyTo) : undefined;
    return state.record({
      chatId,
      sender,
      recipient: { chat_id: chatId, chat_type: chat.type, user_id: chat.type === 'dialog' ? state.bot.user_id : null, post_id: null },
      link: replied ? { type: 'reply', sender: replied.sender ?? null, chat_id: chatId, message: replied.body } : null,
      body: {
        mid: state.newMid(),
        seq: state.nextSeq(),
        text: o.text,
        attachments: [
          ...(o.photoUrl ? [{ type: 'image', payload: { url: o.photoUrl, token: randomUUID(), photo_id: 1 } } as Attachment] : []),
          ...(o.files ?? []).map(attached),
        ],
      },
    });
  };

  return {
    apiRoot,
    token,
    state,
    calls,
    citizenWrites(o) {
      const m = userMessage(o);
      emit({ update_type: 'message_created', timestamp: m.timestamp, message: MaxState.wire(m) });
      return m;
    },
    pressButton({ userId, name, mid, payload }) {
      const m = state.messages.get(mid);
      if (!m) throw new Error(`no message ${mid}`);
      const callbackId = randomUUID();
      state.callbacks.set(callbackId, { userId, mid });
      const user = state.user(userId, name);
      emit({ update_type: 'message_callback', timestamp: now(), callback: { timestamp: now(), callback_id: callbackId, payload, user }, message: MaxState.wire(m) });
      return callbackId;
    },
    startBot({ userId, name, payload }) {
      const chatId = state.dialogOf(userId);
      emit({ update_type: 'bot_started', timestamp: now(), chat_id: chatId, user: state.user(userId, name), ...(payload ? { payload } : {}) });
    },
    editMessage(mid, text) {
      const m = state.messages.get(mid);
      if (!m) throw new Error(`no message ${mid}`);
      m.body.text = text;
      m.edited = true;
      emit({ update_type: 'message_edited', timestamp: now(), message: MaxState.wire(m) });
    },
    removeMessage(mid, userId) {
      const m = state.messages.get(mid);
      if (!m) throw new Error(`no message ${mid}`);
      m.deleted = true;
      emit({ update_type: 'message_removed', timestamp: now(), message_id: mid, chat_id: m.chatId, user_id: userId, post_id: null });
    },
    sent: () => [...state.messages.values()].filter((m) => m.sender?.user_id === state.bot.user_id),
    messages: (chatId) => [...state.messages.values()].filter((m) => m.chatId === chatId && !m.deleted),
    dialogOf: (userId) => state.dialogOf(userId),
    addGroupChat: (chatId, title) => state.addGroupChat(chatId, title),
    photo: (t) => state.photos.get(t)?.bytes,
    callbackAnswer: (id) => state.answers.get(id),
    failNext(method, spec, times = 1) {
      fails.set(method, { spec, left: times });
    },
    subscriptions: () => subscriptions.map(({ url, secret }) => ({ url, ...(secret ? { secret } : {}) })),
    async close() {
      closed = true;
      wakePollers();
      await delivering.catch(() => undefined);
      calls.rejectWaiters('fake MAX closed');
      await closeServer(server);
    },
  };
}
