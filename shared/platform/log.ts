import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The one logger factory. JSON lines on stdout; personal data (author names,
 * texts) and secrets never go to logs at info level, so the usual suspects are
 * redacted by path as a second line of defence.
 */
export function createLogger(opts: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: opts.name ?? 'otklik',
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: {
      paths: ['token', '*.token', 'secret', '*.secret', 'text', '*.text', 'authorName', '*.authorName'],
      censor: '[redacted]',
    },
  });
}

/** A logger that writes nothing: for tests and for command-line tools that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
