/**
 * A local VK API server for tests and the demo: `/method/<name>` as api.vk.com
 * answers it, plus a photo upload server. vk-io reaches it with
 * `new VK({ token, apiBaseUrl: fake.apiBaseUrl, agent: new http.Agent() })`:
 * vk-io POSTs form-encoded params to `${apiBaseUrl}/${method}` through its
 * `agent` option, an HTTPS agent by default, which cannot speak plain http.
 * vk-io's default apiMode 'sequential' sends one request per method; the fake
 * has no `execute`, so keep that default (never 'parallel'/'parallel_selected').
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CallLog, type CallMatcher } from './call-log.js';
import { BodyTooLargeError, closeServer, listen, parseRequest, readBody, sendJson } from './http-util.js';
import { VK_ERRORS, VkApiError, type VkErrorSpec } from './vk-errors.js';
import { findVkMethod, USER_TOKEN_ONLY } from './vk-methods.js';
import { FakeVkLongPoll } from './vk-longpoll.js';
import { postKey, VkState, type VkDoc, type VkGroup, type VkSent, type VkUpload, type VkUserSeed, type VkVideo } from './vk-state.js';

export type { VkDoc, VkGroup, VkPhoto, VkSent, VkSentComment, VkSentMessage, VkUpload, VkUserSeed, VkVideo } from './vk-state.js';
export { VK_ERRORS } from './vk-errors.js';
export type { VkErrorSpec } from './vk-errors.js';

export const DEFAULT_VK_GROUP: VkGroup = {
  id: 218_000_001,
  name: 'Администрация городского округа',
  screen_name: 'adm_city',
  type: 'page',
};

export interface FakeVkOptions {
  port?: number;
  host?: string;
  now?: () => number;
  /** The community the token belongs to. */
  group?: Partial<VkGroup>;
  /** What groups.getCallbackConfirmationCode returns. */
  confirmationCode?: string;
  /**
   * How long a random_id stays taken per peer. VK documents random_id as
   * checked "over the whole message history", so the default is forever.
   */
  randomIdWindowMs?: number;
  /** messages.send text limit (VK documents 9000). */
  messageMaxLength?: number;
  /**
   * The community's tokens. VK answers them error 27 on methods only a user
   * token may call (photos.getWallUploadServer, saveWallPhoto,
   * photos/video/board.createComment); any other token counts as a user's.
   * Empty by default: every token may call everything.
   */
  communityTokens?: readonly string[];
}

/** A test control: one answer of a method the fake holds back (see `FakeVk.holdNext`). */
export interface VkHold {
  /** Resolves once the call was executed and recorded, its answer not yet sent. */
  readonly recorded: Promise<VkCall>;
  /** Sends the held answer, if the caller is still connected; a no-op after the caller died. */
  release(): void;
}

export interface VkCall {
  method: string;
  token: string;
  params: Record<string, string>;
  at: number;
  response: Record<string, unknown>;
}

export interface FakeVk {
  /** e.g. `http://127.0.0.1:40123/method`, vk-io's apiBaseUrl. */
  readonly apiBaseUrl: string;
  readonly origin: string;
  readonly group: VkGroup;
  /** Every API call, with the response it got (errors included). */
  readonly calls: readonly VkCall[];
  /** Messages and comments actually created, each with its id. */
  readonly sent: readonly VkSent[];
  readonly uploads: readonly VkUpload[];
  /** Videos created by video.save, with their bytes once uploaded, by `video{owner}_{id}`. */
  readonly videos: ReadonlyMap<string, VkVideo>;
  /** Documents saved by docs.save, by `doc{owner}_{id}`. */
  readonly docs: ReadonlyMap<string, VkDoc>;
  /**
   * Test control for crash tests: the next call of `method` is executed
   * (the message or comment is created) and recorded, but its answer is held
   * until `release()`, so the caller can be killed in between.
   */
  holdNext(method: string): VkHold;
  /** Makes the next `times` calls of a method fail with this error (see VK_ERRORS). */
  failNext(method: string, error: VkErrorSpec, times?: number): void;
  /** Commenting this post now fails as on a deleted post. */
  deletePost(ownerId: number, postId: number): void;
  /** Replying to this comment now fails as on a deleted comment. */
  deleteComment(ownerId: number, commentId: number): void;
  /** messages.send to this user now fails with 901 (messages not allowed). */
  denyMessages(peerId: number): void;
  seedUser(user: VkUserSeed): void;
  /** The Bots Long Poll server: push events (Callback-API-shaped), expire the key, lose the history. */
  readonly longPoll: Pick<FakeVkLongPoll, 'push' | 'expireKey' | 'forgetHistory' | 'failNextWith3'>;
  waitFor(matcher: CallMatcher<VkCall>, timeoutMs?: number): Promise<VkCall>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeVk(opts: FakeVkOptions = {}): Promise<FakeVk> {
  const now = opts.now ?? Date.now;
  const group: VkGroup = { ...DEFAULT_VK_GROUP, ...opts.group };
  const state = new VkState(now);
  const log = new CallLog<VkCall>();
  const injected = new Map<string, VkErrorSpec[]>();
  const longPoll = new FakeVkLongPoll();
  const communityTokens = new Set(opts.communityTokens ?? []);
  const holds = new Map<string, Array<{ recorded: (call: VkCall) => void; released: Promise<void> }>>();
  const releaseAll = new Set<() => void>();
  let closing = false;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      sendJson(res, err instanceof BodyTooLargeError ? 413 : 500, { error: 'fake VK: ' + (err as Error).message });
    });
  });
  const origin = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    const method = /^\/method\/([\w.]+)$/.exec(url.pathname)?.[1];
    if (method) return answerMethod(req, res, url, body, method);
    if (/^\/longpoll\/\d+$/.test(url.pathname) && Number(url.pathname.split('/')[2]) === group.id) {
      return sendJson(res, 200, await longPoll.check(url.searchParams, () => closing));
    }
    const uploadKind = /^\/upload\/(\w+)$/.exec(url.pathname)?.[1];
    if (uploadKind && req.method === 'POST') return answerUpload(req, res, url, body, uploadKind);
    const photo = /^\/photos\/(photo-?\d+_\d+)\.jpg$/.exec(url.pathname)?.[1];
    const stored = photo ? state.photos.get(photo) : undefined;
    if (stored) {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': stored.bytes.length });
      res.end(stored.bytes);
      return;
    }
    sendJson(res, 404, { error: 'Not Found' });
  }

  async function answerMethod(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, method: string): Promise<void> {
    const { params: raw } = parseRequest(req, url, body);
    const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const { access_token: token = '', ...rest } = params;
    let response: Record<string, unknown>;
    try {
      if (!token) throw new VkApiError({ error_code: 5, error_msg: 'User authorization failed: no access_token passed.' });
      if (communityTokens.has(token) && USER_TOKEN_ONLY.has(method)) throw new VkApiError(VK_ERRORS.groupAuth);
      const failure = injected.get(method)?.shift();
      if (failure) throw new VkApiError(failure);
      const handler = findVkMethod(method);
      if (!handler) throw new VkApiError(VK_ERRORS.unknownMethod);
      response = {
        response: handler({
          params: rest,
          state,
          group,
          origin,
          confirmationCode: opts.confirmationCode ?? 'a1b2c3d4',
          randomIdWindowMs: opts.randomIdWindowMs ?? Infinity,
          messageMaxLength: opts.messageMaxLength ?? 9000,
          longPoll,
        }),
      };
    } catch (err) {
      if (!(err instanceof VkApiError)) throw err;
      response = { error: errorBody(err.spec, method, rest) };
    }
    const call: VkCall = { method, token, params: rest, at: now(), response };
    log.push(call);
    const hold = holds.get(method)?.shift();
    if (hold) {
      hold.recorded(call);
      // Answered on release, or never if the caller died meanwhile (sendJson skips a destroyed socket).
      await Promise.race([hold.released, new Promise((resolve) => res.once('close', resolve))]);
    }
    // VK answers errors with HTTP 200 too.
    sendJson(res, 200, response);
  }

  function answerUpload(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, kind: string): void {
    const { files } = parseRequest(req, url, body);
    if (kind === 'video') {
      // The video upload server takes the file in `video_file` for the video video.save created.
      const video = state.videos.get(`video${url.searchParams.get('owner_id')}_${url.searchParams.get('video_id')}`);
      const file = files.find((f) => f.name === 'video_file');
      if (!video || !file || file.data.length === 0) return sendJson(res, 200, { error: 'invalid upload' });
      video.bytes = file.data;
      if (file.filename !== undefined) video.filename = file.filename;
      return sendJson(res, 200, { size: file.data.length, video_id: video.id, owner_id: video.owner_id, video_hash: randomUUID().replace(/-/g, '').slice(0, 18) });
    }
    if (kind === 'docs_messages' || kind === 'docs_wall') {
      const file = files.find((f) => f.name === 'file');
      if (!file || file.data.length === 0) return sendJson(res, 200, { error: 'no_file', error_descr: 'no file uploaded' });
      return sendJson(res, 200, { file: state.addDocUpload(kind, file.filename ?? 'file.dat', file.data) });
    }
    const file = files.find((f) => /^(photo|file)\d*$/.test(f.name));
    if (!file) {
      // VK's upload server answers an empty upload with an empty photo list; save*Photo then refuses it.
      sendJson(res, 200, { server: 0, photo: '[]', hash: '' });
      return;
    }
    const upload = state.addUpload(kind, {
      field: file.name,
      ...(file.filename !== undefined ? { filename: file.filename } : {}),
      ...(file.contentType !== undefined ? { contentType: file.contentType } : {}),
      bytes: file.data,
    });
    sendJson(res, 200, { server: upload.server, photo: upload.photo, hash: upload.hash });
  }

  return {
    apiBaseUrl: `${origin}/method`,
    origin,
    group,
    calls: log.items,
    sent: state.sent,
    uploads: state.uploads,
    videos: state.videos,
    docs: state.docs,
    holdNext(method) {
      let recorded!: (call: VkCall) => void;
      let release!: () => void;
      const hold = {
        recorded: new Promise<VkCall>((resolve) => (recorded = resolve)),
        released: new Promise<void>((resolve) => (release = resolve)),
      };
      releaseAll.add(release);
      holds.set(method, [...(holds.get(method) ?? []), { recorded, released: hold.released }]);
      return { recorded: hold.recorded, release };
    },
    failNext(method, error, times = 1) {
      const queue = injected.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(error);
      injected.set(method, queue);
    },
    deletePost: (ownerId, postId) => void state.deletedPosts.add(postKey(ownerId, postId)),
    deleteComment: (ownerId, commentId) => void state.deletedComments.add(postKey(ownerId, commentId)),
    denyMessages: (peerId) => void state.deniedPeers.add(peerId),
    seedUser: (user) => void state.users.set(user.id, user),
    longPoll,
    waitFor: (matcher, timeoutMs) => log.waitFor(matcher, timeoutMs),
    reset() {
      log.clear();
      state.reset();
      injected.clear();
      holds.clear();
      for (const release of releaseAll) release();
      releaseAll.clear();
      longPoll.reset();
    },
    async close() {
      log.rejectWaiters('fake VK closed');
      closing = true;
      for (const release of releaseAll) release();
      longPoll.wakeAll();
      await closeServer(server);
    },
  };
}

/** VK's error object: code, message, and the request's parameters echoed back (token left out). */
function errorBody(spec: VkErrorSpec, method: string, params: Record<string, string>): Record<string, unknown> {
  const extra: Record<string, unknown> = { ...spec.extra };
  if (spec.error_code === 14 && extra.captcha_sid === undefined) {
    extra.captcha_sid = '845893442531';
    extra.captcha_img = 'https://api.vk.com/captcha.php?sid=845893442531&s=1';
  }
  return {
    error_code: spec.error_code,
    error_msg: spec.error_msg,
    request_params: [
      { key: 'method', value: method },
      { key: 'oauth', value: '1' },
      ...Object.entries(params).map(([key, value]) => ({ key, value })),
    ],
    ...extra,
  };
}
