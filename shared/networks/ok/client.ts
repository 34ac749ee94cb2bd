/**
 * A small typed client for OK's group Bot API (https://api.ok.ru/graph/…).
 * No maintained Node library exists, and Otklik needs a handful of calls, so this is
 * fetch plus zod: every response is validated, and every failure comes back
 * as a value, never a throw. The token goes in the `access_token` query
 * parameter, as OK requires; it never reaches a log line.
 */
import { z } from 'zod';
import { mayHaveArrived } from '../transport.js';
import { okError, okSendResult, okSubscriptions, okSuccess, okUploadResult, okUploadUrl } from './wire.js';

export type OkFailure =
  /** OK answered with its own error object. */
  | { kind: 'api'; code: number; message: string }
  /** An HTTP status without an OK error body (a proxy, an outage). */
  | { kind: 'http'; status: number }
  /** No answer: connection refused, reset, timed out; `mayHaveArrived` unless it failed before the request left (transport.ts). */
  | { kind: 'transport'; mayHaveArrived: boolean }
  /** An answer we cannot read: the API changed, or something else answered. */
  | { kind: 'bad_response' };

export type OkResult<T> = { ok: true; data: T } | { ok: false; error: OkFailure };

/** What fileUploadUrl can be asked for and a message can carry after an upload (graph.user.fileUploadUrl; AUDIO is not used). */
export type OkUploadType = 'IMAGE' | 'VIDEO' | 'FILE';
export type OkOutgoingAttachment = { type: OkUploadType; payload: { token: string } | { url: string } };
export type OkOutgoingMessage = { text?: string; attachment?: OkOutgoingAttachment; attachments?: OkOutgoingAttachment[] };

export interface OkClient {
  /** POST /graph/me/messages/<chat_id>: a message from the group into one of its chats. */
  sendMessage(chatId: string, message: OkOutgoingMessage): Promise<OkResult<z.infer<typeof okSendResult>>>;
  /**
   * GET /graph/me/fileUploadUrl?type=…: where to upload a file. For VIDEO and FILE the answer carries the
   * attachment's token already; for IMAGE the upload's answer does.
   */
  uploadUrl(type: OkUploadType): Promise<OkResult<z.infer<typeof okUploadUrl>>>;
  /** POST the photo (multipart, field pic1) to the upload URL; returns its attachment token. */
  uploadPhoto(url: string, photo: OkFile): Promise<OkResult<{ token: string }>>;
  /**
   * POST a video or any file (multipart, field `file`, with its MIME type) to the upload URL. The token
   * came with the URL; the upload's own answer carries nothing we read, only OK's error object when refused.
   */
  uploadFile(url: string, file: OkFile): Promise<OkResult<null>>;
  /** POST /graph/me/subscribe {url}: OK starts posting the group's chat events there. */
  subscribe(url: string): Promise<OkResult<z.infer<typeof okSuccess>>>;
  /** POST /graph/me/unsubscribe {url}: OK stops posting there (success: false when it was not subscribed). */
  unsubscribe(url: string): Promise<OkResult<z.infer<typeof okSuccess>>>;
  /** GET /graph/me/subscriptions: the URLs OK posts the group's events to. */
  subscriptions(): Promise<OkResult<z.infer<typeof okSubscriptions>>>;
}

/**
 * One request to OK, either API: OK's error object wins over the HTTP status
 * (OK answers errors with 200), and every failure is a value. `emptyAs`
 * stands in for a bare `null` answer (REST methods with nothing to list).
 */
export async function okRequest<S extends z.ZodType>(
  doFetch: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  schema: S,
  emptyAs: unknown = null,
): Promise<OkResult<z.output<S>>> {
  let res: Response;
  let body: unknown;
  try {
    res = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = undefined;
    }
  } catch (err) {
    return { ok: false, error: { kind: 'transport', mayHaveArrived: mayHaveArrived(err) } };
  }
  const err = okError.safeParse(body);
  if (err.success) return { ok: false, error: { kind: 'api', code: err.data.error_code, message: err.data.error_msg ?? '' } };
  if (!res.ok) return { ok: false, error: { kind: 'http', status: res.status } };
  const parsed = schema.safeParse(body === null ? emptyAs : body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: { kind: 'bad_response' } };
}

export type OkFile = { data: Uint8Array; filename?: string; contentType?: string };

export type OkClientOptions = { token: string; apiRoot: string; timeoutMs?: number; fetch?: typeof fetch };

export function createOkClient(opts: OkClientOptions): OkClient {
  const root = opts.apiRoot.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;

  const call = <S extends z.ZodType>(url: string, init: RequestInit, schema: S) => okRequest(doFetch, url, init, timeoutMs, schema);

  const graph = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(`${root}/graph/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    url.searchParams.set('access_token', opts.token);
    return url.toString();
  };
  const json = (payload: unknown): RequestInit => ({
    method: 'POST',
    // OK requires this exact content type on every Graph API POST.
    headers: { 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify(payload),
  });

  return {
    sendMessage: (chatId, message) => call(graph(`me/messages/${encodeURIComponent(chatId)}`), json({ recipient: { chat_id: chatId }, message }), okSendResult),
    uploadUrl: (type) => call(graph('me/fileUploadUrl', { type }), { method: 'GET' }, okUploadUrl),
    async uploadPhoto(url, photo) {
      const form = new FormData();
      const type = photo.contentType ?? 'image/jpeg';
      form.append('pic1', new Blob([Buffer.from(photo.data)], { type }), photo.filename ?? 'photo.jpg');
      const result = await call(url, { method: 'POST', body: form }, okUploadResult);
      if (!result.ok) return result;
      const first = Object.values(result.data.photos)[0];
      return first ? { ok: true, data: { token: first.token } } : { ok: false, error: { kind: 'bad_response' } };
    },
    async uploadFile(url, file) {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(file.data)], { type: file.contentType ?? 'application/octet-stream' }), file.filename ?? 'file');
      const result = await call(url, { method: 'POST', body: form }, z.unknown());
      return result.ok ? { ok: true, data: null } : result;
    },
    subscribe: (url) => call(graph('me/subscribe'), json({ url }), okSuccess),
    unsubscribe: (url) => call(graph('me/unsubscribe'), json({ url }), okSuccess),
    subscriptions: () => call(graph('me/subscriptions'), { method: 'GET' }, okSubscriptions),
  };
}
