/**
 * The sandbox page's HTTP endpoints. Every staff action goes through the
 * staff messenger's fake (Telegram or MAX) exactly as a real client's would
 * (a message, a tap on a button, a deep link opened), by the scenario kit's
 * StaffSide, so the page has one path for both; every citizen's message
 * through the network's webhook. Bodies are checked with zod and answered 400
 * with the field named.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { send, type Route } from '../../platform/http/server.js';
import type { Sandbox } from './types.js';
import type { Session } from './session.js';
import { citizenThreads, people, staffChats } from './view.js';
import { lessonStatus } from './lessons.js';
import { STAFF_MESSENGERS } from './staff-view.js';

const MAX_BODY = 8 * 1024 * 1024; // a phone photo, base64-encoded

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BadRequest('the request is too large (a photo up to 6 MB)');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('the body is not JSON');
  }
}

class BadRequest extends Error {}

const json = (res: ServerResponse, status: number, value: unknown) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

/** A handler whose bad input answers 400 with the zod path, and whose other failures answer 500 with the message (sandbox data only). */
function api<S extends z.ZodType>(schema: S, handle: (input: z.output<S>, req: IncomingMessage) => Promise<unknown>) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const parsed = schema.safeParse(req.method === 'GET' ? Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams) : await body(req));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return json(res, 400, { error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
      }
      json(res, 200, (await handle(parsed.data, req)) ?? { ok: true });
    } catch (err) {
      if (err instanceof BadRequest) return json(res, 400, { error: err.message });
      json(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}

const id = z.coerce.number().int();
/** A message in a staff chat as the page got it: Telegram's number, MAX's mid. */
const messageId = z.union([z.number().int().positive(), z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a message id')]);
const messengers = STAFF_MESSENGERS.map((m) => m.id) as ['telegram', 'max'];
const photo = z.object({ base64: z.string().min(1), type: z.string().regex(/^image\/(png|jpeg|gif|webp)$/) }).optional();
const decode = (p: z.output<typeof photo>) => (p ? { bytes: Buffer.from(p.base64, 'base64'), type: p.type } : undefined);

const asset = (name: string, type: string): Route => ({
  method: 'GET',
  path: name === 'index.html' ? '/' : `/${name}`,
  handle: async (_req, res) => send(res, 200, await readFile(new URL(`./public/${name}`, import.meta.url), 'utf8'), type),
});

/** The member of staff the page acts as. */
function staffMember(s: Session, as: number) {
  const person = s.org.staff.find((p) => p.telegramId === as);
  if (!person) throw new BadRequest('as: not a member of staff');
  return person;
}

export function sandboxRoutes(sb: Sandbox): Route[] {
  return [
    asset('index.html', 'text/html; charset=utf-8'),
    asset('app.js', 'text/javascript; charset=utf-8'),
    asset('style.css', 'text/css; charset=utf-8'),
    {
      method: 'GET',
      path: '/api/state',
      handle: api(z.object({ as: id.optional(), citizen: id.optional() }), async (q) => {
        const s = sb.session();
        const me = q.as ?? s.org.staff.find((p) => p.roles.includes('curator'))!.telegramId;
        return {
          organisation: s.org.name,
          profile: { id: s.system.system.ctx.profile.id, title: s.system.system.ctx.profile.title },
          presets: sb.presets,
          messenger: s.messenger,
          messengers: sb.messengers,
          clock: { now: s.clock.now().getTime(), zone: s.org.timezone, speed: s.clock.speed },
          people: people(s),
          citizens: sb.citizens,
          chats: staffChats(s, me),
          threads: citizenThreads(s, q.citizen ?? sb.citizens[0]!.id),
          lessons: await lessonStatus(s),
        };
      }),
    },
    {
      method: 'POST',
      path: '/api/citizen',
      handle: api(
        z.object({ network: z.enum(['vk', 'ok', 'telegram']), kind: z.enum(['message', 'comment']).default('message'), author: id, text: z.string().trim().min(1).max(4000), photo }),
        async (b) => {
          const who = sb.citizens.find((c) => c.id === b.author);
          if (!who) throw new BadRequest('author: not one of the sandbox citizens');
          if (b.kind === 'comment' && b.network !== 'vk') throw new BadRequest('kind: comments are under the VK post only');
          const p = decode(b.photo);
          await sb.session().citizenWrites({ network: b.network, kind: b.kind, author: b.author, name: who.name, text: b.text, ...(p ? { photo: p } : {}) });
        },
      ),
    },
    {
      method: 'POST',
      path: '/api/say',
      handle: api(z.object({ as: id, chatId: id, text: z.string().max(4000).default(''), replyTo: messageId.optional(), photo }), async (b) => {
        const s = sb.session();
        const person = staffMember(s, b.as);
        const p = decode(b.photo);
        if (!b.text && !p) throw new BadRequest('text: write something or attach a photo');
        s.staff.write({ chatId: b.chatId, from: person.telegramId, ...(b.text ? { text: b.text } : {}), ...(p ? { photo: p.bytes } : {}), ...(b.replyTo !== undefined ? { replyTo: b.replyTo } : {}) });
      }),
    },
    {
      method: 'POST',
      path: '/api/tap',
      handle: api(z.object({ as: id, chatId: id, messageId, data: z.string().min(1).max(1024) }), async (b) => {
        const s = sb.session();
        const person = staffMember(s, b.as);
        // The toast the messenger would show; the bot answers within seconds or the app gives up on it.
        const toast = await s.staff.tap(b.chatId, b.messageId, person.telegramId, b.data).catch((err: unknown) => {
          if (err instanceof Error && err.message.startsWith('timed out')) return '';
          throw err;
        });
        return { toast };
      }),
    },
    {
      method: 'POST',
      path: '/api/start',
      // The bot's deep link opened (t.me/<bot>?start=…, max.ru/<bot>?start=…): the private chat starts with its payload.
      handle: api(z.object({ as: id, payload: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'a start payload') }), async (b) => {
        const s = sb.session();
        s.staff.start(staffMember(s, b.as).telegramId, b.payload);
      }),
    },
    {
      method: 'POST',
      path: '/api/clock',
      handle: api(
        z.union([z.object({ speed: z.number().int().min(1).max(3600) }), z.object({ jump: z.enum(['next-deadline', 'tomorrow-9', 'plus-hour']) })]),
        async (b) => {
          const s = sb.session();
          if ('speed' in b) await s.setSpeed(b.speed);
          else await s.jump(b.jump);
          return { now: s.clock.now().getTime(), speed: s.clock.speed };
        },
      ),
    },
    {
      method: 'POST',
      path: '/api/reset',
      handle: api(z.object({ preset: z.string().optional(), messenger: z.enum(messengers).optional() }), async (b) => {
        await sb.reset({ ...(b.preset !== undefined ? { preset: b.preset } : {}), ...(b.messenger !== undefined ? { messenger: b.messenger } : {}) });
      }),
    },
    {
      method: 'GET',
      path: '/api/file',
      handle: async (req, res) => {
        const fileId = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
        const file = sb.session().file(fileId);
        if (!file) return send(res, 404, 'not found');
        res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length });
        res.end(file.bytes);
      },
    },
    {
      method: 'GET',
      path: '/photos',
      handle: async (req, res) => {
        const p = sb.session().photos.get(new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '');
        if (!p) return send(res, 404, 'not found');
        res.writeHead(200, { 'content-type': p.type, 'content-length': p.bytes.length });
        res.end(p.bytes);
      },
    },
  ];
}
