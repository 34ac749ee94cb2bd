#!/usr/bin/env node
// The `otklik` command: runs the compiled CLI (dist/, made by `npm run build`; what the image has) when it
// exists, otherwise the TypeScript sources through tsx, so a source checkout needs no build step.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const compiled = new URL('../dist/shared/cli/main.js', import.meta.url);
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../shared/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
