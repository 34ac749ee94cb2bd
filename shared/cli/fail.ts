import { ConfigError } from '../platform/config/config-error.js';

/** Runs a command; a configuration error is printed as the admin-readable list it is, not as a stack trace. */
export async function failOnConfig(fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
