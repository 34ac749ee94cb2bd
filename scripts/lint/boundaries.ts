/**
 * The architecture check (issue #16) through dependency-cruiser's API, for the lint and its test.
 * Module rules live in .dependency-cruiser.cjs (the CLI in `npm run lint` reads the same file).
 * Folder cycles need a second cruise: test files import the test kit, which imports every layer,
 * so with tests in the graph every folder would sit on a cycle. That cruise sees product code only.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Everything the module rules look at: product, tests, dev scripts, the bin shim. */
const moduleRoots = ['bots', 'worker', 'shared', 'test', 'scripts', 'bin'];
/** Product code only: the folder-cycle cruise leaves out tests, the sandbox and dev scripts. */
const productRoots = ['bots', 'worker', 'shared'];
const notProduct = '(\\.test\\.ts$|^(test|scripts|shared/sandbox)/)';

const folderCycles: IForbiddenRuleType = {
  name: 'no-circular-folders',
  severity: 'error',
  comment: 'folders (e.g. shared/flows/intake and shared/flows/command) do not depend on each other in a circle',
  scope: 'folder',
  from: {},
  to: { circular: true },
};

async function run(baseDir: string, roots: string[], adjust: (options: ICruiseOptions) => ICruiseOptions): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(join(repoRoot, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(repoRoot, 'tsconfig.json'));
  const present = roots.filter((root) => existsSync(join(baseDir, root)));
  const { output } = await cruise(present, adjust({ ...options, baseDir }), {}, { tsConfig });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report where a result was expected');
  return output;
}

/** The module rules of .dependency-cruiser.cjs over the tree at `baseDir`. */
export function cruiseModules(baseDir = repoRoot): Promise<ICruiseResult> {
  return run(baseDir, moduleRoots, (options) => options);
}

/** Cycles between product folders over the tree at `baseDir`. */
export function cruiseFolders(baseDir = repoRoot): Promise<ICruiseResult> {
  return run(baseDir, productRoots, (options) => {
    const exclude = options.exclude;
    const excluded = typeof exclude === 'string' ? exclude : Array.isArray(exclude) ? exclude.join('|') : (exclude?.path ?? '');
    const paths = [excluded, notProduct].filter(Boolean).map((p) => (Array.isArray(p) ? p.join('|') : p));
    return { ...options, exclude: { path: paths.join('|') }, ruleSet: { forbidden: [folderCycles] } };
  });
}

/**
 * Rule name and path of each violation, a cycle in full: "layer-core: shared/core/x.ts → shared/platform/y.ts",
 * "no-circular-folders: shared/flows/a → shared/flows/b → shared/flows/a".
 */
export function violations(result: ICruiseResult): string[] {
  return result.summary.violations.map((v) => `${v.rule.name}: ${[v.from, ...(v.cycle?.length ? v.cycle.map((c) => c.name) : [v.to])].join(' → ')}`);
}

/** `tsx scripts/lint/boundaries.ts`: the folder-cycle half of `npm run lint` (depcruise's CLI runs the module rules). */
async function main(): Promise<number> {
  const found = violations(await cruiseFolders());
  for (const line of found) console.log(`  error ${line}`);
  console.log(found.length ? `\n✘ ${found.length} folder cycle(s) in product code` : '✔ no folder cycles in product code');
  return found.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
