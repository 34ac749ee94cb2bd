/**
 * `npm run bench -- <name>` runs scripts/bench/<name>.ts; with no name, every
 * benchmark in turn. Each prints its figures and ends with one JSON line.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const available = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3)).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : available;

for (const name of names) {
  if (!available.includes(name)) {
    console.error(`bench: unknown benchmark "${name}"; available: ${available.join(', ') || 'none'}`);
    process.exit(2);
  }
}
for (const name of names) {
  const mod = (await import(join(dir, `${name}.ts`))) as { run(args: string[]): Promise<void> };
  await mod.run(process.argv.slice(2).filter((a) => a !== name));
}
