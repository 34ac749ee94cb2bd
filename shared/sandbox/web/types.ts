import type { Session } from './session.js';
import type { StaffMessengerId } from './staff-view.js';

/** A running sandbox, as its page's routes see it (its own file, so routes and sandbox.ts do not import each other). */
export type Sandbox = {
  readonly url: string;
  readonly presets: Array<{ id: string; title: string }>;
  /** The staff messengers a reset may choose. */
  readonly messengers: ReadonlyArray<{ id: StaffMessengerId; title: string }>;
  readonly citizens: Array<{ id: number; name: string }>;
  session(): Session;
  /** A fresh session, on another preset and with staff in another messenger when named (kept for later resets). */
  reset(next?: { preset?: string; messenger?: StaffMessengerId }): Promise<void>;
  stop(): Promise<void>;
};
