import { pino, type DestinationStream, type Logger } from 'pino';
import { safeError } from './safe-error.js';

export type { Logger };

/**
 * The one logger factory. JSON lines on stdout. Personal data (author names,
 * texts, profile links) and secrets never go to logs at any level: errors are
 * logged through `safeError`, which keeps only the fields that say what failed
 * (never a request's payload or a query's parameters), and the usual suspects
 * are redacted by path as a second line of defence.
 */
export function createLogger(opts: { level?: string; name?: string; destination?: DestinationStream } = {}): Logger {
  const options = {
    name: opts.name ?? 'otklik',
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    serializers: { err: safeError, error: safeError, cause: safeError },
    redact: {
      paths: [
        ...['token', 'secret', 'text', 'caption', 'authorName', 'authorLink', 'author', 'payload', 'params'].flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
      ],
      censor: '[redacted]',
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/** A logger that writes nothing: for tests and for command-line tools that print their own output. */
export const silentLogger: Logger = pino({ level: 'silent' });
