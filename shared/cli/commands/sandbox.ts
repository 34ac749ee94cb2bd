/**
 * The training sandbox behind `npm start` without tokens
 * (shared/sandbox/web/). Like the demo, it is not part of the compiled build,
 * so the module is named at run time, where the compiler does not follow it
 * into dist/.
 */
const SANDBOX = '../../sandbox/web/run.js';

export async function run(): Promise<number> {
  let sandbox: { run(): Promise<number> };
  try {
    sandbox = (await import(SANDBOX)) as typeof sandbox;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !String((err as Error).message).includes('sandbox')) throw err;
    console.error(
      'otklik start: no TELEGRAM_BOT_TOKEN, and the training sandbox is not part of the production build. ' +
        'Set the tokens and OTKLIK_ORG (see README.md), or run the sandbox from a source checkout: npm ci && npm start',
    );
    return 1;
  }
  return sandbox.run();
}
