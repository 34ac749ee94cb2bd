/**
 * `otklik privacy export|erase --network NET --author ID [--request NUMBER] [--out FILE]`:
 * a citizen's request about their personal data (152-ФЗ art. 14, 21).
 * `export` writes everything held about the author as JSON to --out (a file
 * only its owner reads, not the terminal's scrollback); `erase` anonymises it now, the cards in staff chats included (the
 * running worker redraws them). Both are audited in privacy_actions, with the
 * request's registration number when given. Needs DATABASE_URL, REDIS_URL and
 * OTKLIK_ORG: the installation's own database and Redis.
 */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { loadEnv } from '../../platform/config/env.js';
import { loadOrg } from '../../platform/config/org.js';
import { ConfigError } from '../../platform/config/config-error.js';
import { applyMigrations } from '../../platform/db/migrate.js';
import { createLogger } from '../../platform/log.js';
import { createContext, type AppContext } from '../../networks/context.js';
import { networkIds } from '../../networks/types.js';
import { eraseAuthor, exportAuthor, parseAuthorRef, type PrivacyActor } from '../../flows/privacy/index.js';
import { failOnConfig } from '../fail.js';

const usage = `Usage: otklik privacy export --network NET --author ID --out FILE.json [--request NUMBER]
       otklik privacy erase  --network NET --author ID [--request NUMBER]

  NET is one of ${networkIds.join(', ')}; ID is the author's id in that network (as on the card: "автор id…",
  or the number in their profile link). --request: the registration number of the citizen's request,
  kept in the audit instead of their id.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The command's work on a running context: what the test drives, and what `run` calls. */
export async function privacyCommand(ctx: AppContext, args: string[], out: (text: string) => void = console.log): Promise<number> {
  const [verb] = args;
  const author = parseAuthorRef(option(args, '--network'), option(args, '--author'));
  if ((verb !== 'export' && verb !== 'erase') || !author || (verb === 'export' && !option(args, '--out'))) {
    console.error(usage);
    return 2;
  }
  const by: PrivacyActor = { actor: `cli:${safeUser()}`, request: option(args, '--request') ?? null };
  if (verb === 'export') {
    const data = await exportAuthor(ctx, author, by);
    const file = option(args, '--out')!;
    await writeFile(file, JSON.stringify(data, null, 2), { mode: 0o600 });
    out(`Written: ${file} (${data.incidents.length} incidents, ${data.inboundEvents.length} stored events)`);
    return 0;
  }
  const done = await eraseAuthor(ctx, author, by);
  out(
    `Anonymised: ${done.incidents} incidents, ${done.inboundEvents} stored events, ${done.redisRemoved} Redis entries` +
      (done.redisLeft ? ` (${done.redisLeft} job ids left in queues: they hold no data and expire with their jobs)` : '') +
      '.\nCards in staff chats are redrawn by the running worker.',
  );
  return 0;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h') || !args.length) {
    console.log(usage);
    return args.length ? 0 : 2;
  }
  return failOnConfig(async () => {
    const env = loadEnv();
    const missing = (['DATABASE_URL', 'REDIS_URL', 'OTKLIK_ORG'] as const).filter((k) => !env[k]);
    if (missing.length) {
      throw new ConfigError('otklik privacy: configuration incomplete', missing.map((k) => `${k}: required (the installation's own, as for "otklik worker")`));
    }
    const org = loadOrg(env.OTKLIK_ORG!);
    const log = createLogger({ level: env.LOG_LEVEL, name: 'otklik-privacy' });
    const ctx = createContext({ env, org, log, databaseUrl: env.DATABASE_URL!, redisUrl: env.REDIS_URL! });
    try {
      await applyMigrations(ctx.database);
      return await privacyCommand(ctx, args);
    } finally {
      await ctx.close();
    }
  });
}
