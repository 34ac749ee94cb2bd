import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Otklik's version from its package.json, found upwards from here (the sources or the compiled dist/). */
export function otklikVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'otklik' && pkg.version) return pkg.version;
    }
    if (dir === dirname(dir)) return 'unknown';
  }
}
