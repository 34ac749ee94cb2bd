import type { Context } from 'grammy';
import type { StaffMember } from '../../../shared/platform/config/org.js';
import type { IncidentState } from '../../../shared/core/incident/index.js';
import type { AppContext } from '../../../shared/networks/context.js';

export type Pressed = {
  tg: Context;
  app: AppContext;
  member: StaffMember;
  state: IncidentState;
  chatId: number;
  args: Record<string, unknown>;
};

/** What a button does. Returns the text of the popup Telegram shows the presser (empty: none). */
export type Action = (p: Pressed) => Promise<string>;
