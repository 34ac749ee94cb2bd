import type { Session } from './session.js';

/** A running sandbox, as its page's routes see it (its own file, so routes and sandbox.ts do not import each other). */
export type Sandbox = {
  readonly url: string;
  readonly presets: Array<{ id: string; title: string }>;
  readonly citizens: Array<{ id: number; name: string }>;
  session(): Session;
  /** A fresh session, on another preset when named. */
  reset(preset?: string): Promise<void>;
  stop(): Promise<void>;
};
