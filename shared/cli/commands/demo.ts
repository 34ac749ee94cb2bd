/**
 * `otklik demo` (npm run demo): plays a citizen's message through the whole
 * system against fake networks (shared/sandbox/demo/script.ts). The sandbox
 * is not part of the compiled build, so the module is named at run time,
 * where the compiler does not follow it into dist/.
 *
 * `--messenger max` (or OTKLIK_DEMO_MESSENGER=max) plays it with the staff
 * in MAX instead of Telegram: `npm run demo -- --messenger max`.
 */
const DEMO = '../../sandbox/demo/script.js';

type Messenger = 'telegram' | 'max';

/** The staff messenger asked for: the flag, else the environment, else Telegram; null for anything else. */
export function demoMessenger(args: string[], env: NodeJS.ProcessEnv = process.env): Messenger | null {
  const at = args.findIndex((a) => a === '--messenger' || a.startsWith('--messenger='));
  const given = at < 0 ? env.OTKLIK_DEMO_MESSENGER : args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  if (at >= 0 && !given) return null;
  const value = (given ?? 'telegram').trim().toLowerCase();
  return value === 'telegram' || value === 'max' ? value : null;
}

export async function run(args: string[] = []): Promise<number> {
  const messenger = demoMessenger(args);
  if (!messenger) {
    console.error('otklik demo: --messenger takes telegram or max (the staff messenger), e.g. npm run demo -- --messenger max');
    return 2;
  }
  let demo: { run(opts?: { messenger?: Messenger }): Promise<number> };
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
  return demo.run({ messenger });
}
