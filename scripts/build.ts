/**
 * npm run build: compiles the product (tsconfig.build.json: bots, worker,
 * shared without the sandbox and the tests) into dist/, and copies beside it
 * the files the code reads relative to itself (import.meta.url) at run time.
 *   tsx scripts/build.ts [--out DIR] [--no-check]
 * --no-check emits without type-checking (the build test; `npm run lint` checks types).
 */
import { spawnSync } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Read by the code relative to its own file, so they sit in dist/ where the sources have them. */
export const ASSETS = [
  'shared/platform/locales', // i18n.ts
  'shared/platform/wordlists/data', // phrase-lists.ts, moderation.ts
  'migrations', // db/migrate.ts
  'examples/org.example.yaml', // cli/commands/report.ts, when OTKLIK_ORG is not set
];

const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-check': { type: 'boolean' } } });
const out = resolve(root, values.out ?? 'dist');
await rm(out, { recursive: true, force: true }); // nothing left over from files since removed
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(
  process.execPath,
  [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out, ...(values['no-check'] ? ['--noCheck'] : [])],
  { stdio: 'inherit' },
);
if (compiled.status !== 0) {
  console.error(`build: tsc failed (${compiled.status ?? compiled.signal})`);
  process.exit(1);
}
// Only data: a test that sits beside it (locales.test.ts) stays out.
const isData = (path: string) => !/\.test\.[cm]?[jt]s$/.test(path);
for (const asset of ASSETS) await cp(join(root, asset), join(out, asset), { recursive: true, filter: isData });
console.log(`build: ${out}`);
