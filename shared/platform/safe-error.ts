/**
 * Errors as logs and failed jobs may keep them: what failed and where, never
 * what it carried. Libraries put personal data into their errors — grammY's
 * GrammyError holds the call's `payload` (a card's text), vk-io's APIError the
 * request `params`, drizzle's DrizzleQueryError the query's parameters in its
 * very message ("Failed query: … params: Анна,…"), pg's errors a `detail`
 * quoting the row. So an error is rebuilt from an allow-list of fields, and
 * the query parameters are cut out of the message and the stack.
 */

/** Fields that name a failure without carrying data: codes, methods, constraints, retry hints. */
const KEPT = ['code', 'method', 'error_code', 'description', 'status', 'statusCode', 'constraint', 'table', 'column', 'routine', 'severity', 'retry_after', 'kind'] as const;

export type SafeError = {
  type: string;
  message: string;
  stack?: string;
  cause?: SafeError;
  errors?: SafeError[];
} & Partial<Record<(typeof KEPT)[number], unknown>>;

// drizzle: "Failed query: <sql>\nparams: <values>" — the values run to the end of the message,
// or in a stack to its first frame.
const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*$/;
const PARAMS_IN_STACK = /\nparams: [\s\S]*?(?=\n {4}at |$)/;
const REDACTED_PARAMS = '\nparams: [redacted]';

/** A message without the query parameters a library wrote into it. */
export function scrubMessage(message: string): string {
  return message.replace(PARAMS_IN_MESSAGE, REDACTED_PARAMS);
}

export function scrubStack(stack: string): string {
  return stack.replace(PARAMS_IN_STACK, REDACTED_PARAMS);
}

/** The log's view of anything thrown; nested causes (and AggregateError's errors) too, a few levels deep. */
export function safeError(err: unknown, depth = 0): SafeError {
  if (!(err instanceof Error)) {
    return { type: typeof err, message: typeof err === 'string' ? scrubMessage(err) : '[not an Error]' };
  }
  const out: SafeError = { type: err.name || err.constructor?.name || 'Error', message: scrubMessage(err.message) };
  if (err.stack) out.stack = scrubStack(err.stack);
  const fields = err as unknown as Record<string, unknown>;
  for (const key of KEPT) {
    const value = fields[key];
    if (value !== undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) out[key] = value;
  }
  // Telegram's retry hint sits in `parameters`, beside nothing personal; keep only the number.
  const parameters = fields.parameters as { retry_after?: unknown } | undefined;
  if (typeof parameters?.retry_after === 'number') out.retry_after = parameters.retry_after;
  if (depth < 3) {
    if (err.cause !== undefined) out.cause = safeError(err.cause, depth + 1);
    if (err instanceof AggregateError) out.errors = err.errors.slice(0, 5).map((e) => safeError(e, depth + 1));
  }
  return out;
}

/**
 * The same error, safe to hand to BullMQ, which keeps `message` as the job's failed reason and
 * `stack` in its stack trace for days. The class stays (BullMQ's own UnrecoverableError and
 * DelayedError are recognised by name), and so do the fields jobs read back (`kind`, `code`).
 */
export function withoutPersonalData<E>(err: E): E {
  if (!(err instanceof Error)) return err;
  const message = scrubMessage(err.message);
  const stack = err.stack && scrubStack(err.stack);
  if (message === err.message && stack === err.stack) return err;
  const clean = new Error(message) as Error & Record<string, unknown>;
  clean.name = err.name;
  if (stack) clean.stack = stack;
  for (const key of KEPT) {
    const value = (err as unknown as Record<string, unknown>)[key];
    if (value !== undefined) clean[key] = value;
  }
  return clean as unknown as E;
}
