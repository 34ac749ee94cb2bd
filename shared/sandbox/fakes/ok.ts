/**
 * A local OK (Odnoklassniki) group Bot API server for tests and the demo:
 * `/graph/me/…` as api.ok.ru answers it, an upload service, and the group's
 * chats. Tests play citizens with `citizenWrites`, which POSTs a webhook
 * message shaped like the documented examples to every subscribed URL, and
 * read the group's replies from `sent`.
 *
 * What it enforces as OK does: the access token, the JSON content type on
 * POSTs, chats that exist, at most 5 attachments, upload tokens that were
 * really issued, and the text limit (OK_TEXT_MAX; OK does not publish one —
 * see shared/networks/ok/README.md). Uploads follow graph.user.fileUploadUrl:
 * an IMAGE's token comes back from the upload (field pic1, an image MIME
 * type); a VIDEO's or FILE's comes with the upload URL and is good in a
 * message only once its file has arrived, under the type it was asked for.
 * Upload URLs take one file each; an empty file is refused, and so is one
 * over `uploadMaxBytes` (OK documents no limit for chat files; tests set one
 * to see the refusal reach the card). Errors come as OK's
 * `{error_code, error_msg, error_data}`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { OK_ATTACHMENTS_MAX, OK_TEXT_MAX } from '../../networks/ok/publish.js';
import { CallLog, type CallMatcher } from './call-log.js';
import { BodyTooLargeError, closeServer, listen, parseRequest, readBody, sendJson } from './http-util.js';
import { createFakeOkRest, OkRestError, type FakeOkRest } from './ok-rest.js';

export interface OkErrorSpec {
  error_code: number;
  error_msg: string;
}

export const OK_ERRORS = {
  unknown: { error_code: 1, error_msg: 'UNKNOWN : Unknown error' },
  service: { error_code: 2, error_msg: 'SERVICE : Service is temporary unavailable' },
  permissionDenied: { error_code: 10, error_msg: 'PERMISSION_DENIED : User does not allow messages from the group' },
  param: { error_code: 100, error_msg: 'PARAM : Invalid parameter' },
  textTooLong: { error_code: 100, error_msg: `PARAM : text length exceeds ${OK_TEXT_MAX}` },
  sessionExpired: { error_code: 102, error_msg: 'PARAM_SESSION_EXPIRED : Session expired' },
  notFound: { error_code: 300, error_msg: 'NOT_FOUND : Chat not found' },
  /** Our stand-in for a message sent before its file is processed (OK documents the wait, not the error). */
  attachmentNotReady: { error_code: 100, error_msg: 'PARAM : attachment not ready' },
} as const satisfies Record<string, OkErrorSpec>;

export interface OkCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  response: Record<string, unknown>;
}

export interface OkSent {
  chatId: string;
  mid: string;
  text?: string;
  /** The attachments as sent, uploaded files resolved to their bytes (and name, where the upload gave one). */
  attachments: Array<{ type: string; token?: string; url?: string; bytes?: Buffer; filename?: string }>;
  at: number;
}

export interface OkUpload {
  /** What fileUploadUrl was asked for: IMAGE, VIDEO, AUDIO or FILE. */
  type: string;
  token: string;
  bytes: Buffer;
  contentType?: string;
  filename?: string;
}

export interface CitizenMessage {
  /** OK user id, digits (the "user:" prefix is added). */
  userId: number | string;
  name?: string;
  text?: string;
  /** Photos the citizen attached, as URLs on OK's CDN. */
  photos?: string[];
  /** Defaults to a new message id. */
  mid?: string;
}

export interface FakeOkOptions {
  port?: number;
  host?: string;
  now?: () => number;
  /** The group's access token; requests with another one get error 102. */
  token?: string;
  textMax?: number;
  /** The largest file the upload service takes, in bytes; none by default (the fakes' 50 MB body cap). */
  uploadMaxBytes?: number;
  /** The REST application (fb.do) the fake accepts; FAKE_OK_APP by default. */
  app?: { appKey: string; appSecret: string; accessToken: string };
}

export interface FakeOk {
  /** e.g. `http://127.0.0.1:40123`: OK_API_ROOT. */
  readonly apiRoot: string;
  readonly token: string;
  readonly calls: readonly OkCall[];
  readonly sent: readonly OkSent[];
  readonly uploads: readonly OkUpload[];
  /** The REST API (fb.do): the group's topics and their comments (ok-rest.ts). */
  readonly rest: FakeOkRest;
  subscriptions(): string[];
  /** The chat between this user and the group (created on first message). */
  chatOf(userId: number | string): string;
  /** A citizen writes to the group: the webhook message, posted to every subscribed URL. Returns it and the HTTP statuses. */
  citizenWrites(input: CitizenMessage): Promise<{ payload: Record<string, unknown>; statuses: number[] }>;
  /** Posts any body (a redelivery, a malformed event) to every subscribed URL. */
  deliver(body: unknown): Promise<number[]>;
  failNext(method: string, error: OkErrorSpec, times?: number): void;
  /** Changes the upload service's size limit (undefined: none). */
  setUploadMaxBytes(bytes: number | undefined): void;
  waitFor(matcher: CallMatcher<OkCall>, timeoutMs?: number): Promise<OkCall>;
  close(): Promise<void>;
}

/** fileUploadUrl's FileAttachmentType values, which are also the attachment types a message may carry after an upload. */
const UPLOAD_TYPES = new Set(['IMAGE', 'VIDEO', 'AUDIO', 'FILE']);

class OkApiError extends Error {
  constructor(readonly spec: OkErrorSpec) {
    super(spec.error_msg);
  }
}

const bare = (id: number | string) => String(id).replace(/^user:/, '');

export async function startFakeOk(opts: FakeOkOptions = {}): Promise<FakeOk> {
  const now = opts.now ?? Date.now;
  const token = opts.token ?? 'tkn1FakeOkGroupToken:CQABPOJKAKEKEKEKE';
  const textMax = opts.textMax ?? OK_TEXT_MAX;
  const log = new CallLog<OkCall>();
  const injected = new Map<string, OkErrorSpec[]>();
  const subscriptions = new Set<string>();
  const chats = new Map<string, string>(); // chat id → user id
  const sent: OkSent[] = [];
  const uploads: OkUpload[] = [];
  /** Upload URLs issued and not used yet: what they were asked for, and the token promised for VIDEO/FILE. */
  const pendingUploads = new Map<string, { type: string; token?: string }>();
  let uploadMaxBytes = opts.uploadMaxBytes;
  // Message sequence numbers; OK's are larger than 2^53, which JSON readers cannot keep exact, so ours stay small.
  let seq = 211023614189;
  const rest = createFakeOkRest({ now, ...(opts.app ? { app: opts.app } : {}) });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      sendJson(res, err instanceof BodyTooLargeError ? 413 : 500, { error: 'fake OK: ' + (err as Error).message });
    });
  });
  const origin = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    const upload = /^\/upload\/(\w+)$/.exec(url.pathname)?.[1];
    if (upload && req.method === 'POST') return answerUpload(req, res, url, body, upload);
    if (url.pathname === '/fb.do' || url.pathname === '/api/fb.do') return answerRest(req, res, url, body);
    const graph = /^\/graph\/me\/(.+)$/.exec(url.pathname)?.[1];
    if (!graph) return sendJson(res, 404, { error_code: 3, error_msg: 'METHOD : Method does not exist' });

    const method = graph.startsWith('messages/') ? 'messages' : graph;
    let params: Record<string, unknown> = {};
    let response: Record<string, unknown>;
    try {
      const parsed = parseRequest(req, url, body);
      params = parsed.params;
      if (params.access_token !== token) throw new OkApiError(OK_ERRORS.sessionExpired);
      if (req.method === 'POST' && !/^application\/json/i.test(req.headers['content-type'] ?? '')) throw new OkApiError(OK_ERRORS.param);
      const failure = injected.get(method)?.shift();
      if (failure) throw new OkApiError(failure);
      response = answer(req.method ?? 'GET', method, graph, params);
    } catch (err) {
      if (err instanceof OkApiError) response = { ...err.spec, error_data: null };
      else if (err instanceof SyntaxError) response = { ...OK_ERRORS.param, error_data: null };
      else throw err;
    }
    const { access_token: _token, ...logged } = params;
    log.push({ method, params: logged, at: now(), response });
    sendJson(res, 200, response);
  }

  /** REST calls: GET query or POST form, every value a string as OK reads them; errors with HTTP 200, as OK answers. */
  function answerRest(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(parseRequest(req, url, body).params)) params[k] = String(v);
    const method = params.method ?? '';
    let response: Record<string, unknown>;
    try {
      const failure = injected.get(method)?.shift();
      if (failure) throw new OkRestError(failure);
      response = rest.answer(params);
    } catch (err) {
      if (!(err instanceof OkRestError)) throw err;
      response = { ...err.spec, error_data: null };
    }
    const { access_token: _token, sig: _sig, ...logged } = params;
    log.push({ method, params: logged, at: now(), response });
    sendJson(res, 200, response);
  }

  function answer(verb: string, method: string, path: string, params: Record<string, unknown>): Record<string, unknown> {
    if (method === 'subscribe' && verb === 'POST') {
      if (typeof params.url !== 'string' || !/^https?:\/\//.test(params.url)) throw new OkApiError(OK_ERRORS.param);
      subscriptions.add(params.url);
      return { success: true };
    }
    if (method === 'unsubscribe' && verb === 'POST') return { success: subscriptions.delete(String(params.url)) };
    if (method === 'subscriptions' && verb === 'GET') return { subscriptions: [...subscriptions].map((url) => ({ url, time: now() })) };
    if (method === 'fileUploadUrl' && verb === 'GET') {
      // "FILE (значение по умолчанию)"; the token for the attachment comes here for every type but IMAGE.
      const type = params.type === undefined ? 'FILE' : String(params.type);
      if (!UPLOAD_TYPES.has(type)) throw new OkApiError(OK_ERRORS.param);
      const id = randomBytes(6).toString('hex');
      const token = type === 'IMAGE' ? undefined : randomBytes(18).toString('base64url');
      pendingUploads.set(id, { type, ...(token ? { token } : {}) });
      return { url: `${origin}/upload/${id}?sig=${id}&expires=${now() + 3_600_000}`, ...(token ? { token } : { file_id: id }) };
    }
    if (method === 'messages' && verb === 'POST') return sendMessage(decodeURIComponent(path.slice('messages/'.length)), params);
    throw new OkApiError({ error_code: 3, error_msg: 'METHOD : Method does not exist' });
  }

  function sendMessage(chatId: string, params: Record<string, unknown>): Record<string, unknown> {
    const recipient = params.recipient as { chat_id?: unknown } | undefined;
    if (recipient?.chat_id !== undefined && recipient.chat_id !== chatId) throw new OkApiError(OK_ERRORS.param);
    if (!chats.has(chatId)) throw new OkApiError(OK_ERRORS.notFound);
    const message = params.message as { text?: unknown; attachment?: unknown; attachments?: unknown } | undefined;
    if (!message || typeof message !== 'object') throw new OkApiError(OK_ERRORS.param);
    const text = typeof message.text === 'string' ? message.text : undefined;
    if (text !== undefined && text.length > textMax) throw new OkApiError(OK_ERRORS.textTooLong);
    const list = [...(Array.isArray(message.attachments) ? message.attachments : []), ...(message.attachment ? [message.attachment] : [])] as Array<{
      type?: string;
      payload?: { token?: string; url?: string };
    }>;
    if (list.length > OK_ATTACHMENTS_MAX) throw new OkApiError({ error_code: 100, error_msg: `PARAM : too many attachments, max ${OK_ATTACHMENTS_MAX}` });
    if (!text && list.length === 0) throw new OkApiError(OK_ERRORS.param);
    const attachments = list.map((a) => {
      if (!a.type || !UPLOAD_TYPES.has(a.type)) throw new OkApiError(OK_ERRORS.param);
      if (a.payload?.token) {
        const up = uploads.find((u) => u.token === a.payload!.token);
        // A VIDEO/FILE token is known before its file arrives; until then (or under another type) it names nothing.
        if (!up || up.type !== a.type) throw new OkApiError({ error_code: 100, error_msg: 'PARAM : invalid attachment token' });
        return { type: a.type, token: up.token, bytes: up.bytes, ...(up.filename !== undefined ? { filename: up.filename } : {}) };
      }
      if (a.payload?.url && a.type === 'IMAGE') return { type: a.type, url: a.payload.url };
      throw new OkApiError(OK_ERRORS.param);
    });
    const mid = `mid:${chatId.replace(/^chat:/, '')}.${(seq++).toString(16)}`;
    sent.push({ chatId, mid, ...(text !== undefined ? { text } : {}), attachments, at: now() });
    return { success: true, message_id: mid };
  }

  function answerUpload(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, id: string): void {
    const pending = pendingUploads.get(id);
    const refuse = (error_msg: string) => sendJson(res, 200, { error_code: 100, error_msg, error_data: null });
    if (!pending) return refuse('PARAM : upload url expired');
    const { files } = parseRequest(req, url, body);
    // Photos go as pic1…; for the other types OK names no field, so the first file part is the file.
    const file = pending.type === 'IMAGE' ? files.find((f) => /^pic\d+$/.test(f.name)) : files[0];
    if (!file || file.data.length === 0) return refuse('PARAM : no file');
    // "При загрузке файлов типа AUDIO и IMAGE … необходимо указывать корректный MIME-type".
    if (pending.type === 'IMAGE' && !/^image\//i.test(file.contentType ?? '')) return refuse('PARAM : invalid content type');
    if (pending.type === 'AUDIO' && !/^audio\//i.test(file.contentType ?? '')) return refuse('PARAM : invalid content type');
    if (uploadMaxBytes !== undefined && file.data.length > uploadMaxBytes) return refuse(`PARAM : file size exceeds ${uploadMaxBytes} bytes`);
    pendingUploads.delete(id);
    const token = pending.token ?? randomBytes(18).toString('base64url');
    uploads.push({
      type: pending.type,
      token,
      bytes: file.data,
      ...(file.contentType !== undefined ? { contentType: file.contentType } : {}),
      ...(file.filename !== undefined ? { filename: file.filename } : {}),
    });
    // The answer to an IMAGE upload carries its token; for the others OK documents no answer, and ours says nothing.
    sendJson(res, 200, pending.type === 'IMAGE' ? { photos: { [id]: { token } } } : {});
  }

  function chatOf(userId: number | string): string {
    const id = bare(userId);
    for (const [chat, user] of chats) if (user === id) return chat;
    const chat = `chat:C${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
    chats.set(chat, id);
    return chat;
  }

  async function deliver(body: unknown): Promise<number[]> {
    const statuses: number[] = [];
    for (const url of subscriptions) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json;charset=utf-8' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    return statuses;
  }

  return {
    apiRoot: origin,
    token,
    calls: log.items,
    sent,
    uploads,
    rest,
    subscriptions: () => [...subscriptions],
    chatOf,
    async citizenWrites(input) {
      const chatId = chatOf(input.userId);
      const attachments = (input.photos ?? []).map((url) => ({ type: 'IMAGE', payload: { url } }));
      const payload: Record<string, unknown> = {
        sender: { user_id: `user:${bare(input.userId)}`, ...(input.name ? { name: input.name } : {}) },
        recipient: { chat_id: chatId },
        message: {
          ...(input.text !== undefined ? { text: input.text } : {}),
          seq: seq++,
          ...(attachments.length ? { attachments } : {}),
          mid: input.mid ?? `mid:${chatId.replace(/^chat:/, '')}.${randomBytes(7).toString('hex')}`,
        },
        timestamp: now(),
      };
      return { payload, statuses: await deliver(payload) };
    },
    deliver,
    failNext(method, error, times = 1) {
      const queue = injected.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(error);
      injected.set(method, queue);
    },
    setUploadMaxBytes(bytes) {
      uploadMaxBytes = bytes;
    },
    waitFor: (matcher, timeoutMs) => log.waitFor(matcher, timeoutMs),
    async close() {
      log.rejectWaiters('fake OK closed');
      await closeServer(server);
    },
  };
}
