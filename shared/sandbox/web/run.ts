/**
 * `npm start` without tokens: the training sandbox, kept running until
 * Ctrl+C. Its PostgreSQL and Redis are throw-away (a temporary folder,
 * removed at the end), so nothing of a training session outlives it.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../platform/config/config-error.js';
import { createLogger } from '../../platform/log.js';
import { untilSignal } from '../../platform/runtime/signals.js';
import { ensureServices } from '../../platform/services/index.js';
import { sandboxSettingsSchema, startSandbox } from './sandbox.js';

export function sandboxSettings(env: NodeJS.ProcessEnv) {
  const parsed = sandboxSettingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      'otklik start: the sandbox settings are invalid',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}

export async function run(): Promise<number> {
  const settings = sandboxSettings(process.env);
  // What the page shows is the point; logs go to stderr and only when something is wrong.
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const dataDir = await mkdtemp(join(tmpdir(), 'otklik-sandbox-'));
  // mkdtemp makes it 0700; as root, the embedded PostgreSQL (run as "postgres") keeps its cluster here.
  await chmod(dataDir, 0o755);
  console.log('Запускается учебная песочница «Отклика»: встроенные PostgreSQL и Redis, боты, воркер и учебные соцсети…');
  const signal = untilSignal(log);
  const services = await ensureServices({ env: { OTKLIK_DATA_DIR: dataDir }, log });
  try {
    const sandbox = await startSandbox({ settings, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, log });
    console.log(`\nПесочница готова: откройте ${sandbox.url}/ в браузере.`);
    const messenger = sandbox.messengers.find((m) => m.id === settings.OTKLIK_SANDBOX_MESSENGER)!;
    console.log(`Сотрудники работают в учебном ${messenger.title} (другой мессенджер можно выбрать на странице при сбросе).`);
    console.log('Остановить: Ctrl+C. Все данные песочницы вымышленные и удаляются при остановке.\n');
    await signal;
    await sandbox.stop();
  } finally {
    await services.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return 0;
}
