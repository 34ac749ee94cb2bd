/**
 * `otklik demo` (npm run demo): plays a citizen's message through the whole
 * system against fake networks (shared/sandbox/demo/script.ts). The sandbox
 * is not part of the compiled build, so the module is named at run time,
 * where the compiler does not follow it into dist/.
 */
const DEMO = '../../sandbox/demo/script.js';

export async function run(): Promise<number> {
  let demo: { run(): Promise<number> };
  try {
    demo = (await import(DEMO)) as typeof demo;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !String((err as Error).message).includes('sandbox')) throw err;
    console.error(
      'otklik demo: the demo is not part of the production build (it needs the sandbox with the fake networks). ' +
        'Run it from a source checkout: npm ci && npm run demo',
    );
    return 1;
  }
  return demo.run();
}
