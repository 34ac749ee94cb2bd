/**
 * Who is on staff: the organisation file's people, plus those who joined by
 * an admin's invite link (PostgreSQL). The two are merged at lookup; the
 * file wins for anyone in both, so an invite never changes a configured
 * person. Invites are one-time and expire; revoking keeps the row.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Org, Role, StaffMember } from '../../platform/config/org.js';
import type { Db } from '../../platform/db/client.js';
import { invitedStaff, staffDismissals, staffInvites } from '../../platform/db/schema.js';

/** Roles an invite may give. Admins come only from the organisation file: an invite link can be forwarded. */
export const invitableRoles = ['curator', 'executor', 'head', 'duty'] as const satisfies readonly Role[];
export type InvitableRole = (typeof invitableRoles)[number];

/** How long an invite link stays valid. */
export const INVITE_TTL_MS = 72 * 3600_000;

export type Invite = typeof staffInvites.$inferSelect;
export type InvitedMember = typeof invitedStaff.$inferSelect;

function asMember(row: InvitedMember): StaffMember {
  return { telegramId: row.telegramId, name: row.name, roles: [row.role as InvitableRole], ...(row.department ? { department: row.department } : {}) };
}

/** The active invited staff, oldest first, minus anyone the file already lists. */
export async function invitedMembers(db: Db, org: Org): Promise<StaffMember[]> {
  const rows = await db.select().from(invitedStaff).where(isNull(invitedStaff.revokedAt)).orderBy(asc(invitedStaff.joinedAt));
  const inFile = new Set(org.staff.map((s) => s.telegramId));
  return rows.filter((r) => !inFile.has(r.telegramId)).map(asMember);
}

/** People whose recorded dismissal has taken effect (`/dismiss`, sobolevo п.9): left out of every lookup, as the revoked are. */
async function dismissed(db: Db): Promise<Set<number>> {
  const rows = await db.select({ id: staffDismissals.telegramId }).from(staffDismissals).where(isNotNull(staffDismissals.appliedAt));
  return new Set(rows.map((r) => r.id));
}

/** The organisation with its invited staff merged in, minus the dismissed: what card audiences and names are computed from. */
export async function orgWithInvited(db: Db, org: Org): Promise<Org> {
  const [extra, gone] = await Promise.all([invitedMembers(db, org), dismissed(db)]);
  if (!extra.length && !gone.size) return org;
  return { ...org, staff: [...org.staff, ...extra].filter((s) => !gone.has(s.telegramId)) };
}

/** One person, from the file first, then the invited. */
export async function findStaff(db: Db, org: Org, telegramId: number | undefined): Promise<StaffMember | null> {
  if (telegramId === undefined) return null;
  const [gone] = await db
    .select({ id: staffDismissals.telegramId })
    .from(staffDismissals)
    .where(and(eq(staffDismissals.telegramId, telegramId), isNotNull(staffDismissals.appliedAt)));
  if (gone) return null;
  const configured = org.staff.find((s) => s.telegramId === telegramId);
  if (configured) return configured;
  const [row] = await db
    .select()
    .from(invitedStaff)
    .where(and(eq(invitedStaff.telegramId, telegramId), isNull(invitedStaff.revokedAt)));
  return row ? asMember(row) : null;
}

export async function createInvite(
  db: Db,
  input: { role: InvitableRole; department: string | null; createdBy: number; now: Date },
): Promise<Invite> {
  // 12 random bytes → 16 URL-safe characters: fits a /start payload (64, [A-Za-z0-9_-]) and cannot be guessed.
  const token = randomBytes(12).toString('base64url');
  const [invite] = await db
    .insert(staffInvites)
    .values({ token, ...input, createdAt: input.now, expiresAt: new Date(input.now.getTime() + INVITE_TTL_MS) })
    .returning();
  return invite!;
}

export type Redeemed = { ok: true; member: StaffMember } | { ok: false; reason: 'invalid' | 'already_staff' };

/**
 * Turns an invite into a staff member, once: the row lock makes two people
 * opening the same link at once end with one member.
 */
export async function redeemInvite(
  db: Db,
  org: Org,
  input: { token: string; telegramId: number; name: string; now: Date },
): Promise<Redeemed> {
  if (await findStaff(db, org, input.telegramId)) return { ok: false, reason: 'already_staff' };
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select()
      .from(staffInvites)
      .where(and(eq(staffInvites.token, input.token), isNull(staffInvites.usedBy), isNull(staffInvites.revokedAt), gt(staffInvites.expiresAt, input.now)))
      .for('update');
    if (!invite) return { ok: false, reason: 'invalid' } as const;
    await tx.update(staffInvites).set({ usedBy: input.telegramId, usedAt: input.now }).where(eq(staffInvites.token, invite.token));
    const row = {
      telegramId: input.telegramId,
      name: input.name,
      role: invite.role,
      department: invite.department,
      inviteToken: invite.token,
      joinedAt: input.now,
      revokedAt: null,
      revokedBy: null,
    };
    // Someone revoked earlier may be invited back: the old row is replaced. Someone dismissed (/dismiss) and hired again
    // is staff again: the dismissal no longer leaves them out.
    await tx.insert(invitedStaff).values(row).onConflictDoUpdate({ target: invitedStaff.telegramId, set: row });
    await tx.delete(staffDismissals).where(eq(staffDismissals.telegramId, input.telegramId));
    return { ok: true, member: asMember(row) } as const;
  });
}

/** Active invited members and open invites, for `/staff`. */
export async function staffOverview(db: Db, now: Date) {
  const members = await db.select().from(invitedStaff).where(isNull(invitedStaff.revokedAt)).orderBy(asc(invitedStaff.joinedAt));
  const invites = await db
    .select()
    .from(staffInvites)
    .where(and(isNull(staffInvites.usedBy), isNull(staffInvites.revokedAt), gt(staffInvites.expiresAt, now)))
    .orderBy(asc(staffInvites.createdAt));
  return { members, invites };
}

/** Revokes an invited member (by Telegram id) or an open invite (by its code). False when there is nothing to revoke. */
export async function revoke(db: Db, target: string, by: number, now: Date): Promise<'member' | 'invite' | false> {
  if (/^\d+$/.test(target)) {
    const done = await db
      .update(invitedStaff)
      .set({ revokedAt: now, revokedBy: by })
      .where(and(eq(invitedStaff.telegramId, Number(target)), isNull(invitedStaff.revokedAt)))
      .returning({ id: invitedStaff.telegramId });
    if (done.length) return 'member';
  }
  const token = target.replace(/^inv-/, '');
  const done = await db
    .update(staffInvites)
    .set({ revokedAt: now })
    .where(and(eq(staffInvites.token, token), isNull(staffInvites.usedBy), isNull(staffInvites.revokedAt)))
    .returning({ token: staffInvites.token });
  return done.length ? 'invite' : false;
}
