/**
 * The REST half of the fake OK (`/fb.do`): a group's topics and the comments
 * under them, for topic polling. Served by the fake OK server (ok.ts).
 *
 * It checks each call the way OK does: a known application_key, a session
 * (access_token) where the method needs one, and the signature — recomputed
 * with md5(access_token + application_secret_key) over the sorted parameters
 * (shared/networks/ok/rest-sign.ts), so a wrong sig is refused with OK's own
 * error 104 PARAM_SIGNATURE. Paging is by an opaque anchor, FORWARD or
 * BACKWARD, as discussions.getComments documents its parameters.
 */
import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { okSessionSecret, okSignature } from '../../networks/ok/rest-sign.js';

export interface OkRestErrorSpec {
  error_code: number;
  error_msg: string;
}

export const OK_REST_ERRORS = {
  method: { error_code: 3, error_msg: 'METHOD : Method does not exist' },
  param: { error_code: 100, error_msg: 'PARAM : Invalid parameter' },
  apiKey: { error_code: 101, error_msg: 'PARAM_API_KEY : Application not exist' },
  sessionExpired: { error_code: 102, error_msg: 'PARAM_SESSION_EXPIRED : Session expired' },
  signature: { error_code: 104, error_msg: 'PARAM_SIGNATURE : Invalid signature' },
  notFound: { error_code: 300, error_msg: 'NOT_FOUND : Discussion not found' },
} as const satisfies Record<string, OkRestErrorSpec>;

export class OkRestError extends Error {
  constructor(readonly spec: OkRestErrorSpec) {
    super(spec.error_msg);
  }
}

/** Credentials of the fake application; shaped like OK's (a public key of capitals, hex secret). */
export const FAKE_OK_APP = {
  appKey: 'CBAFAKEOTKLIKAPPKEY',
  appSecret: '0123456789ABCDEF01234567',
  accessToken: '-s-fakeAdminToken.OtklikTopicsReader0001',
} as const;

export interface FakeOkComment {
  id: string;
  author_id: string;
  author_name?: string;
  author_type?: string;
  text: string;
  /** "yyyy-MM-dd HH:mm:ss", Moscow time, as OK's discussions.getComments gives it. */
  date: string;
  reply_to_comment_id?: string;
}

export interface FakeOkTopic {
  id: string;
  groupId: string;
  created_ms: number;
  text: string;
  comments: FakeOkComment[];
}

export interface FakeOkRest {
  readonly topics: readonly FakeOkTopic[];
  /** The group publishes a topic (post); returns its id. */
  postTopic(input: { groupId: string; text: string; createdMs?: number }): string;
  /** Someone comments under a topic; `asGroup` marks the group's own reply. Returns the comment id. */
  comment(input: { topicId: string; userId: number | string; name?: string; text: string; replyTo?: string; asGroup?: boolean; at?: number }): string;
  /** One /fb.do call: its parameters in, OK's JSON answer out; throws OkRestError for OK's errors. */
  answer(params: Record<string, string>): Record<string, unknown>;
}

const anchorOf = (index: number) => Buffer.from(`c${index}`).toString('base64url');
function indexOf(anchor: string): number {
  const m = /^c(\d+)$/.exec(Buffer.from(anchor, 'base64url').toString());
  if (!m) throw new OkRestError({ error_code: 100, error_msg: 'PARAM : Invalid anchor' });
  return Number(m[1]);
}

export function createFakeOkRest(opts: { now: () => number; app?: { appKey: string; appSecret: string; accessToken: string } }): FakeOkRest {
  const app = opts.app ?? FAKE_OK_APP;
  const secret = okSessionSecret(app.accessToken, app.appSecret);
  const topics: FakeOkTopic[] = [];
  let topicSeq = 155_000_000_000_001;

  function topic(id: string | undefined): FakeOkTopic {
    const t = topics.find((x) => x.id === id);
    if (!t) throw new OkRestError(OK_REST_ERRORS.notFound);
    return t;
  }

  function checkCall(params: Record<string, string>): void {
    if (params.application_key !== app.appKey) throw new OkRestError(OK_REST_ERRORS.apiKey);
    if (!params.sig) throw new OkRestError({ error_code: 104, error_msg: 'PARAM_SIGNATURE : No signature specified' });
    // Both methods served here need a session ("Сессия обязательна").
    if (params.access_token !== app.accessToken) throw new OkRestError(OK_REST_ERRORS.sessionExpired);
    if (params.sig.toLowerCase() !== okSignature(params, secret)) throw new OkRestError(OK_REST_ERRORS.signature);
  }

  function count(params: Record<string, string>, fallback: number, max: number): number {
    if (params.count === undefined) return fallback;
    const n = Number(params.count);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new OkRestError(OK_REST_ERRORS.param);
    return n;
  }

  function getTopics(params: Record<string, string>): Record<string, unknown> {
    if (!params.gid || !/^\d+$/.test(params.gid)) throw new OkRestError(OK_REST_ERRORS.param);
    const list = topics
      .filter((t) => t.groupId === params.gid)
      .sort((a, b) => b.created_ms - a.created_ms)
      .slice(0, count(params, 20, 100));
    return {
      media_topics: list.map((t) => ({
        id: t.id,
        created_ms: t.created_ms,
        author_ref: `group:${t.groupId}`,
        owner_ref: `group:${t.groupId}`,
        media: [{ type: 'text', text: t.text }],
      })),
    };
  }

  function getComments(params: Record<string, string>): Record<string, unknown> {
    if (params.discussionType !== 'GROUP_TOPIC') throw new OkRestError(OK_REST_ERRORS.param);
    const t = topic(params.discussionId);
    const n = count(params, 20, 100);
    const direction = params.direction ?? 'FORWARD';
    if (direction !== 'FORWARD' && direction !== 'BACKWARD') throw new OkRestError(OK_REST_ERRORS.param);
    const at = params.anchor ? indexOf(params.anchor) : direction === 'FORWARD' ? 0 : t.comments.length;
    if (at > t.comments.length) throw new OkRestError({ error_code: 100, error_msg: 'PARAM : Invalid anchor' });
    const [from, to] = direction === 'FORWARD' ? [at, Math.min(at + n, t.comments.length)] : [Math.max(0, at - n), at];
    const fields = params.fields?.split(',') ?? null;
    const shown = t.comments.slice(from, to).map((c) => {
      if (!fields || fields.includes('comment.AUTHOR_NAME')) return { ...c };
      const { author_name: _name, ...rest } = c;
      return rest;
    });
    const next = direction === 'FORWARD' ? to : from;
    const hasMore = direction === 'FORWARD' ? to < t.comments.length : from > 0;
    // OK leaves "comments" out of an empty page.
    return { ...(shown.length ? { comments: shown } : {}), anchor: anchorOf(next), has_more: hasMore };
  }

  return {
    topics,
    postTopic({ groupId, text, createdMs }) {
      const id = String(topicSeq++);
      topics.push({ id, groupId, text, created_ms: createdMs ?? opts.now(), comments: [] });
      return id;
    },
    comment({ topicId, userId, name, text, replyTo, asGroup, at }) {
      const t = topic(topicId);
      const id = randomBytes(12).toString('base64url');
      const date = DateTime.fromMillis(at ?? opts.now(), { zone: 'Europe/Moscow' }).toFormat('yyyy-MM-dd HH:mm:ss');
      t.comments.push({
        id,
        author_id: String(userId),
        ...(name ? { author_name: name } : {}),
        ...(asGroup ? { author_type: 'GROUP' } : {}),
        text,
        date,
        ...(replyTo ? { reply_to_comment_id: replyTo } : {}),
      });
      return id;
    },
    answer(params) {
      checkCall(params);
      switch (params.method) {
        case 'mediatopic.getTopics':
          return getTopics(params);
        case 'discussions.getComments':
          return getComments(params);
        default:
          throw new OkRestError(OK_REST_ERRORS.method);
      }
    },
  };
}
