/**
 * The `otklik` command line. Each command lives in its own file under
 * `commands/` and is loaded only when called, so `otklik calendar` does not
 * pull in database drivers.
 */
type Command = { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  start: { summary: 'run everything (embedded PostgreSQL/Redis unless configured); the demo when no token is set', load: () => import('./commands/start.js') },
  demo: { summary: 'play a citizen\'s message through the whole system against fake networks; --messenger max: staff in MAX', load: () => import('./commands/demo.js') },
  bots: { summary: 'run only the bots process (webhooks, staff bot)', load: () => import('./commands/bots.js') },
  worker: { summary: 'run only the worker process (timers, cards, publishing)', load: () => import('./commands/worker.js') },
  migrate: { summary: 'apply database migrations; --check: only list what would change', load: () => import('./commands/migrate.js') },
  backup: { summary: 'back the database up into a file: otklik backup --out FILE', load: () => import('./commands/backup.js') },
  restore: { summary: 'restore a backup into an empty database: otklik restore FILE', load: () => import('./commands/restore.js') },
  org: { summary: 'check an organisation file: otklik org check FILE', load: () => import('./commands/org.js') },
  calendar: { summary: 'production calendar norms of a year: otklik calendar YEAR [--org FILE] [--json]', load: () => import('./commands/calendar.js') },
  report: { summary: 'a period\'s report as an .xlsx workbook: otklik report --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx', load: () => import('./commands/report.js') },
  privacy: { summary: 'a citizen\'s personal data (152-ФЗ): otklik privacy export|erase --network NET --author ID', load: () => import('./commands/privacy.js') },
  max: { summary: 'the MAX group chats the bot is in, with their ids: otklik max chats [--json]', load: () => import('./commands/max.js') },
  deadlines: { summary: 'deadlines of an incident under a regulation profile: otklik deadlines --profile ID --detected ISO [--json]', load: () => import('./commands/deadlines.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return ['Usage: otklik <command> [options]   (otklik --version: the version)', '', 'Commands:', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log((await import('./version.js')).otklikVersion());
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`otklik: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

// Run directly (npm scripts use `tsx shared/cli/main.ts …`); bin/otklik.js imports main() instead.
if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
