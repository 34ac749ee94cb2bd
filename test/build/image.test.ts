// No Docker engine runs where the tests run, so the image is checked through what it is made of: the
// compiled build (npm run build, made here into a temporary folder), the build context (.dockerignore,
// read with Docker's own matching rules) and the Dockerfile's stages.
import dockerignorePackage from '@balena/dockerignore';
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A CommonJS package whose types declare an ES default export: under NodeNext the function is `.default`.
const dockerignore = dockerignorePackage.default;
const root = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/** The specifiers a compiled module imports with a literal: static imports, re-exports and import('…'). */
function importsOf(code: string): string[] {
  const found = [...code.matchAll(/(?:^|[;\s])(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/gm), ...code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return found.map((m) => m[1]!);
}

describe('the compiled build', () => {
  let out: string;
  let files: string[];
  beforeAll(async () => {
    // Inside the checkout (tmp/ is ignored by git and docker), so the compiled code finds node_modules.
    await mkdir(join(root, 'tmp'), { recursive: true });
    out = await mkdtemp(join(root, 'tmp', 'build-'));
    // --no-check: the same files, without the type check (`npm run lint` does that); keeps this test short.
    const build = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts'), '--out', out, '--no-check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr + build.stdout).toBe(0);
    files = await filesUnder(out);
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('carries the product and the files it reads beside its code, and neither the sandbox nor the tests', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'shared/cli/main.js',
        'bots/main.js',
        'worker/main.js',
        'migrations/0000_foundation.sql',
        'migrations/meta/_journal.json',
        'shared/platform/wordlists/data/obscenity.ru.txt',
        'examples/org.example.yaml',
      ]),
    );
    expect(files.filter((f) => f.startsWith('shared/platform/locales/ru/') && f.endsWith('.ftl')).length).toBeGreaterThan(0);
    expect(files.filter((f) => /(^|\/)(sandbox|test|tests|fakes)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(test|fixture)\.|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('imports nothing outside itself but Node and the production dependencies', async () => {
    const problems: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      for (const specifier of importsOf(await readFile(join(out, file), 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = relative(out, resolve(out, dirname(file), specifier));
          if (target.startsWith('..') || !files.includes(target)) problems.push(`${file}: ${specifier} is not in the build`);
        } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
          const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
          if (!(name in packageJson.dependencies)) problems.push(`${file}: ${name} is not a production dependency`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The sandbox is named at run time only, by the demo and sandbox commands, which say when it is missing.
    const naming = [];
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      if ((await readFile(join(out, file), 'utf8')).includes('sandbox/')) naming.push(file);
    }
    expect(naming.sort()).toEqual(['shared/cli/commands/demo.js', 'shared/cli/commands/sandbox.js']);
  });

  it('runs as the compiled CLI; its demo says it is not part of the build', () => {
    const main = join(out, 'shared/cli/main.js');
    const calendar = spawnSync(process.execPath, [main, 'calendar', '2026'], { cwd: root, encoding: 'utf8' });
    expect(calendar.stderr).toBe('');
    expect(calendar.status).toBe(0);
    expect(calendar.stdout).toContain('Production calendar 2026');
    const demo = spawnSync(process.execPath, [main, 'demo'], { cwd: root, encoding: 'utf8' });
    expect(demo.status).toBe(1);
    expect(demo.stderr).toContain('otklik demo: the demo is not part of the production build');
  });
});

describe('the image', () => {
  it('gets a build context without the tests, the sandbox, secrets or local data', () => {
    const ignore = dockerignore().add(read('.dockerignore'));
    // The checkout's files, committed or not (git's own ignores apply: local data is checked by name below).
    const tracked = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    expect(tracked.length).toBeGreaterThan(100);
    const neverShipped = (f: string) => /^(test|shared\/sandbox)\//.test(f) || /\.(test|fixture)\.ts$/.test(f);
    expect(tracked.filter(neverShipped).length).toBeGreaterThan(0);
    expect(tracked.filter((f) => neverShipped(f) && !ignore.ignores(f))).toEqual([]);
    for (const local of ['.env', '.env.production', 'org.yaml', '.otklik/postgres/PG_VERSION', 'node_modules/pg/package.json', 'dist/shared/cli/main.js', '.git/HEAD']) {
      expect(ignore.ignores(local), local).toBe(true);
    }
    // What the build stage compiles and copies must all be there.
    const needed = tracked.filter(
      (f) =>
        (/^(bots|worker|shared|migrations|bin|examples)\//.test(f) && !neverShipped(f)) ||
        ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.ts'].includes(f),
    );
    expect(needed).toEqual(expect.arrayContaining(['shared/cli/main.ts', 'scripts/build.ts', 'migrations/0000_foundation.sql']));
    expect(needed.filter((f) => ignore.ignores(f))).toEqual([]);
  });

  it('is built in one stage and run from another: production dependencies and dist/ only, as the node user, on Node 24', () => {
    const dockerfile = read('Dockerfile');
    const stages = dockerfile.split(/^(?=FROM )/m).slice(1);
    expect(stages.map((s) => s.split('\n')[0])).toEqual(['FROM node:24-bookworm-slim AS build', 'FROM node:24-bookworm-slim']);
    const [build, runtime] = stages as [string, string];
    expect(build).toMatch(/^RUN npm ci$/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    // Nothing else from the context: the sources, the sandbox and the tests stay in the build stage.
    expect(runtime.match(/^COPY .*/gm)).toEqual(['COPY package.json package-lock.json ./', 'COPY --from=build /app/dist ./dist', 'COPY bin ./bin']);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \["otklik", "bots"\]$/m);
    // bin/otklik.js runs dist/ without tsx, so tsx is needed only where the sources run.
    expect(packageJson.dependencies).not.toHaveProperty('tsx');
    expect(packageJson.devDependencies).toHaveProperty('tsx');
  });
});
