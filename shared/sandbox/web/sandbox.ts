/**
 * The training sandbox (`npm start` without tokens): the whole system on the
 * embedded PostgreSQL and Redis against the fake networks, and a local page
 * where one plays the citizen and every member of staff, runs the clock fast
 * and jumps it ahead. It listens on 127.0.0.1; a training room may open it to
 * the local network behind a password. It holds sandbox data only and never
 * runs under NODE_ENV=production (see cli/commands/start.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadOrg, type Org } from '../../platform/config/org.js';
import { send, startHttpServer, type Route } from '../../platform/http/server.js';
import type { Logger } from '../../platform/log.js';
import { presetIds, presets, type PresetId } from '../../core/sla/index.js';
import { personFor } from '../fakes/people.js';
import { EXAMPLE_ORG } from '../demo/harness.js';
import { sandboxRoutes } from './routes.js';
import { startSession, type Session } from './session.js';
import { STAFF_MESSENGERS, type StaffMessengerId } from './staff-view.js';
import type { Sandbox } from './types.js';

export type { Sandbox } from './types.js';

export const sandboxSettingsSchema = z
  .object({
    OTKLIK_SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
    OTKLIK_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
    OTKLIK_SANDBOX_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
    OTKLIK_SANDBOX_PROFILE: z.enum(presetIds).default('zavitinsk-2020'),
    // Where the trainees' staff work at the start; the page can switch at a reset.
    OTKLIK_SANDBOX_MESSENGER: z
      .enum(['telegram', 'max'], { error: 'expected telegram or max: the messenger the sandbox\'s staff work in (max: a training MAX, the work chats as MAX group chats)' })
      .default('telegram'),
  })
  .refine((s) => isLoopback(s.OTKLIK_SANDBOX_HOST) || s.OTKLIK_SANDBOX_PASSWORD !== undefined, {
    path: ['OTKLIK_SANDBOX_PASSWORD'],
    message: 'required when OTKLIK_SANDBOX_HOST is not a loopback address (trainees on the local network sign in with it)',
  });
export type SandboxSettings = z.output<typeof sandboxSettingsSchema>;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/** The citizens one can write as: a few fixed people, the same on every network. */
const CITIZENS = [1001, 1002, 1003].map((id) => {
  const p = personFor(id);
  return { id, name: `${p.firstName} ${p.lastName}` };
});


/** The example organisation written for a preset: examples/presets/<id>.yaml, or the main example (zavitinsk-2020). */
export function exampleOrgPath(preset: PresetId): string {
  const own = fileURLToPath(new URL(`../../../examples/presets/${preset}.yaml`, import.meta.url));
  return existsSync(own) ? own : EXAMPLE_ORG;
}

/**
 * The organisation a preset is played with; citizens write to the administration's bot in Telegram, as to
 * a public bot. With staff on MAX it is the same organisation with `messenger: max`: the example files are
 * written for Telegram, and the training MAX takes the same ids for the same people and chats.
 */
export function sandboxOrg(preset: PresetId, messenger: StaffMessengerId = 'telegram'): Org {
  const org = loadOrg(exampleOrgPath(preset));
  return { ...org, networks: { ...org.networks, telegram: { publicBot: true } }, ...(messenger === 'max' ? { messenger: 'max' as const } : {}) };
}

export async function startSandbox(opts: { settings: SandboxSettings; databaseUrl: string; redisUrl: string; log: Logger }): Promise<Sandbox> {
  const { settings, log } = opts;
  let preset: PresetId = settings.OTKLIK_SANDBOX_PROFILE;
  let messenger: StaffMessengerId = settings.OTKLIK_SANDBOX_MESSENGER;
  let generation = 0;
  // Two sandboxes on one PostgreSQL (tests, a second trainer) never share a database.
  const tag = randomBytes(3).toString('hex');
  let current: Session | undefined;
  let resetting: Promise<void> = Promise.resolve();

  const guard = (route: Route): Route => ({
    ...route,
    handle: (req: IncomingMessage, res: ServerResponse) => {
      // Citizens' photos are fetched by the system itself, which knows no password.
      if (settings.OTKLIK_SANDBOX_PASSWORD && route.path !== '/photos' && !authorised(req, settings.OTKLIK_SANDBOX_PASSWORD)) {
        res.setHeader('www-authenticate', 'Basic realm="Otklik sandbox", charset="UTF-8"');
        return send(res, 401, 'Учебная песочница «Отклик»: нужен пароль');
      }
      return route.handle(req, res);
    },
  });

  const sandbox: Sandbox = {
    url: '',
    presets: presetIds.map((id) => ({ id, title: presets[id].title })),
    messengers: STAFF_MESSENGERS,
    citizens: CITIZENS,
    session() {
      if (!current) throw new Error('the sandbox is restarting, try again in a moment');
      return current;
    },
    async reset(next = {}) {
      if (next.preset !== undefined) {
        if (!(presetIds as readonly string[]).includes(next.preset)) throw new Error(`unknown preset ${next.preset}`);
        preset = next.preset as PresetId;
      }
      if (next.messenger !== undefined) {
        if (!STAFF_MESSENGERS.some((m) => m.id === next.messenger)) throw new Error(`unknown staff messenger ${next.messenger}`);
        messenger = next.messenger;
      }
      const run = resetting.then(async () => {
        const old = current;
        current = undefined;
        await old?.stop();
        current = await startSession({ org: sandboxOrg(preset, messenger), databaseUrl: opts.databaseUrl, redisUrl: opts.redisUrl, log, photoBaseUrl, name: `otklik_sandbox_${tag}_${++generation}` });
      });
      resetting = run.catch(() => undefined);
      await run;
    },
    async stop() {
      await resetting;
      await current?.stop();
      await server.close();
    },
  };
  const server = await startHttpServer({ routes: sandboxRoutes(sandbox).map(guard), port: settings.OTKLIK_SANDBOX_PORT, host: settings.OTKLIK_SANDBOX_HOST, log });
  const shownHost = settings.OTKLIK_SANDBOX_HOST.includes(':') ? `[${settings.OTKLIK_SANDBOX_HOST}]` : settings.OTKLIK_SANDBOX_HOST;
  const url = `http://${shownHost}:${server.port}`;
  // The system fetches citizens' photos from here: over loopback when the server listens there (or everywhere).
  const wildcard = ['0.0.0.0', '::'].includes(settings.OTKLIK_SANDBOX_HOST);
  const photoBaseUrl = isLoopback(settings.OTKLIK_SANDBOX_HOST) || wildcard ? `http://127.0.0.1:${server.port}` : url;
  Object.assign(sandbox, { url });
  await sandbox.reset();
  return sandbox;
}

/** HTTP Basic: any user name, the sandbox's password (compared in constant time). */
export function authorised(req: Pick<IncomingMessage, 'headers'>, password: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header);
  if (!m) return false;
  const given = Buffer.from(Buffer.from(m[1]!, 'base64').toString('utf8').split(':').slice(1).join(':'));
  const want = Buffer.from(password);
  return given.length === want.length && timingSafeEqual(given, want);
}
