import type { StaffMember } from '../../shared/platform/config/org.js';
import type { Actor } from '../../shared/core/incident/index.js';
import type { AppContext } from '../../shared/networks/context.js';
import { findStaff } from '../../shared/staffchat/staff/directory.js';

/** The person on staff behind an update: from the organisation file, or joined by an invite. */
export function staffMember(app: AppContext, userId: number | undefined): Promise<StaffMember | null> {
  return findStaff(app.database.db, app.org, userId);
}

/**
 * The member acting in the given role, if they hold it. A person may hold
 * several roles (a curator who is also the head); the button says which one
 * is meant, and the workflow core then checks it is the right one.
 */
export function actorAs(member: StaffMember, role: 'curator' | 'executor' | 'head' | 'duty'): Actor | null {
  if (!member.roles.includes(role)) return null;
  if (role === 'executor') return member.department ? { role, userId: member.telegramId, department: member.department } : null;
  return { role, userId: member.telegramId };
}
