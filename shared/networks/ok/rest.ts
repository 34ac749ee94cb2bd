/**
 * A small typed client for OK's REST API (https://api.ok.ru/fb.do), for the
 * two reads topic polling needs. Every call carries application_key,
 * format=json, method and the access token, and is signed (rest-sign.ts);
 * the answer is validated with zod, and failures come back as values, never
 * throws — the same OkResult as the Bot API client. The access token and the
 * secret never reach a log line.
 */
import { z } from 'zod';
import { okRequest, type OkResult } from './client.js';
import { okSessionSecret, okSignature } from './rest-sign.js';
import { okRestComments, okRestTopics, type OkRestCommentsPage, type OkRestTopic } from './rest-wire.js';

export type OkRestOptions = {
  /** The application's public key (OK_APP_KEY). */
  appKey: string;
  /** The application's secret key (OK_APP_SECRET). */
  appSecret: string;
  /** A group administrator's access token for this application (OK_ACCESS_TOKEN). */
  accessToken: string;
  /** e.g. https://api.ok.ru; the client calls <apiRoot>/fb.do. */
  apiRoot: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/** The fields asked of each comment: the set oland-dmd/Odnoklassniki uses (CREATED_MS does not exist there). */
export const OK_COMMENT_FIELDS = [
  'comment.ID',
  'comment.AUTHOR_ID',
  'comment.AUTHOR_NAME',
  'comment.AUTHOR_REF',
  'comment.REPLY_TO_COMMENT_ID',
  'comment.DATE',
  'comment.TEXT',
  'comment.TYPE',
].join(',');

export interface OkRestClient {
  /** mediatopic.getTopics: the group's latest topics, newest first. */
  groupTopics(groupId: string, count: number): Promise<OkResult<OkRestTopic[]>>;
  /** discussions.getComments of one group topic, FORWARD from `anchor` (from the start without one). */
  topicComments(topicId: string, page: { anchor?: string | null; count: number }): Promise<OkResult<OkRestCommentsPage>>;
  /** Any signed call, for what is not wrapped yet. */
  call<S extends z.ZodType>(method: string, params: Record<string, string>, schema: S): Promise<OkResult<z.output<S>>>;
}

export function createOkRestClient(opts: OkRestOptions): OkRestClient {
  const endpoint = `${opts.apiRoot.replace(/\/+$/, '')}/fb.do`;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const secret = okSessionSecret(opts.accessToken, opts.appSecret);

  async function call<S extends z.ZodType>(method: string, params: Record<string, string>, schema: S): Promise<OkResult<z.output<S>>> {
    const signed: Record<string, string> = { ...params, method, application_key: opts.appKey, format: 'json' };
    signed.sig = okSignature(signed, secret);
    signed.access_token = opts.accessToken;
    // Some methods answer a bare null when there is nothing to list.
    return okRequest(doFetch, `${endpoint}?${new URLSearchParams(signed).toString()}`, { method: 'GET' }, timeoutMs, schema, {});
  }

  return {
    call,
    async groupTopics(groupId, count) {
      const r = await call('mediatopic.getTopics', { gid: groupId, count: String(count) }, okRestTopics);
      return r.ok ? { ok: true, data: r.data.media_topics } : r;
    },
    topicComments(topicId, page) {
      return call(
        'discussions.getComments',
        {
          discussionId: topicId,
          discussionType: 'GROUP_TOPIC',
          direction: 'FORWARD',
          count: String(page.count),
          fields: OK_COMMENT_FIELDS,
          ...(page.anchor ? { anchor: page.anchor } : {}),
        },
        okRestComments,
      );
    },
  };
}
