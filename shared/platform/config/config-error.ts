/**
 * Thrown at start when the environment or the organisation file is wrong.
 * The message is the whole report — a title, then one problem per line — so
 * an uncaught ConfigError already tells the admin everything to fix at once.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly title: string,
    readonly problems: readonly string[],
  ) {
    super([title, ...problems].join('\n'));
  }
}
