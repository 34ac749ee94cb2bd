/**
 * Staff invitations: an admin issues `/invite <role> [department]` and gets a
 * one-time t.me deep link; whoever opens it (`/start inv-<token>`) joins with
 * that role. `/staff` lists who joined this way and the open links;
 * `/revoke <id or code>` takes either back. People in the organisation file
 * are managed there.
 */
import { staffLinks } from '../../../shared/staffchat/cards/links.js';
import { Composer } from 'grammy';
import { DateTime } from 'luxon';
import { t } from '../../../shared/platform/i18n.js';
import type { AppContext } from '../../../shared/networks/context.js';
import { createInvite, findStaff, invitableRoles, redeemInvite, revoke, staffOverview, type InvitableRole } from '../../../shared/staffchat/staff/directory.js';
import { releaseExecutor } from '../../../shared/flows/staff/removal.js';
import type { BotContext } from '../context.js';

const INVITE_PAYLOAD = /^inv-([A-Za-z0-9_-]{8,64})$/;

export function invitesFeature(app: AppContext) {
  const feature = new Composer<BotContext>();
  const { db } = app.database;
  const when = (d: Date) => DateTime.fromJSDate(d, { zone: app.org.timezone }).toFormat('dd.MM.yyyy HH:mm');
  const deptName = (id: string | null | undefined) => (id ? (app.org.departments.find((d) => d.id === id)?.name ?? id) : null);
  const roleLine = (role: string, department: string | null | undefined) => {
    const name = deptName(department);
    return name ? `${t(`role-${role}`)} (${name})` : t(`role-${role}`);
  };

  /** The admin issuing the command, or null after saying why not. */
  async function admin(tg: BotContext) {
    const member = tg.staff;
    if (!member?.roles.includes('admin')) {
      await tg.reply(t(member ? 'invite-admin-only' : 'start-unknown'));
      return null;
    }
    if (tg.chat?.type !== 'private') {
      await tg.reply(t('invite-private-only'));
      return null;
    }
    return member;
  }

  feature.chatType('private').command('start', async (tg, next) => {
    const match = INVITE_PAYLOAD.exec(tg.match);
    if (!match) return next();
    const name = [tg.from.first_name, tg.from.last_name].filter(Boolean).join(' ').trim() || (tg.from.username ?? `id${tg.from.id}`);
    const result = await redeemInvite(db, app.org, { token: match[1]!, telegramId: tg.from.id, name, now: app.clock.now() });
    if (!result.ok) return void (await tg.reply(t(result.reason === 'already_staff' ? 'invite-already-staff' : 'invite-invalid')));
    app.log.info({ userId: tg.from.id, role: result.member.roles[0] }, 'staff joined by invite');
    await tg.reply(t('invite-welcome', { name, role: roleLine(result.member.roles[0]!, result.member.department) }));
  });

  feature.command('invite', async (tg) => {
    const member = await admin(tg);
    if (!member) return;
    const [role, department, ...rest] = String(tg.match ?? '').trim().split(/\s+/).filter(Boolean);
    const roles = invitableRoles.map((r) => `${r} (${t(`role-${r}`)})`).join(', ');
    const departments = app.org.departments.map((d) => `${d.id} (${d.name})`).join(', ');
    if (!role || !(invitableRoles as readonly string[]).includes(role) || rest.length) {
      return void (await tg.reply(t('invite-usage', { roles, departments })));
    }
    if (role === 'executor' && !app.org.departments.some((d) => d.id === department)) {
      return void (await tg.reply(t('invite-department', { departments })));
    }
    if (role !== 'executor' && department !== undefined) return void (await tg.reply(t('invite-no-department')));
    const invite = await createInvite(db, { role: role as InvitableRole, department: department ?? null, createdBy: member.telegramId, now: app.clock.now() });
    const link = staffLinks(app.staffMessenger, tg.me.username ?? null).deepLink?.(`inv-${invite.token}`) ?? `inv-${invite.token}`;
    app.log.info({ by: member.telegramId, role }, 'staff invite issued');
    await tg.reply(t('invite-created', { role: roleLine(role, department), link, until: when(invite.expiresAt), code: invite.token }), {
      link_preview_options: { is_disabled: true },
    });
  });

  feature.command('staff', async (tg) => {
    if (!(await admin(tg))) return;
    const { members, invites } = await staffOverview(db, app.clock.now());
    const lines = [
      t('staff-file', { count: app.org.staff.length }),
      members.length ? t('staff-invited', { count: members.length }) : t('staff-invited-none'),
      ...members.map((m) => t('staff-member-line', { name: m.name, role: roleLine(m.role, m.department), id: String(m.telegramId), since: when(m.joinedAt) })),
      ...(invites.length ? [t('staff-invites', { count: invites.length })] : []),
      ...invites.map((i) => t('staff-invite-line', { role: roleLine(i.role, i.department), until: when(i.expiresAt), code: i.token })),
      t('staff-revoke-hint'),
    ];
    // Lists stay far below 4096 for any real administration; cut rather than fail if one does not.
    const text = lines.join('\n');
    await tg.reply(text.length > 4000 ? `${text.slice(0, 3990)}\n…` : text);
  });

  feature.command('revoke', async (tg) => {
    const member = await admin(tg);
    if (!member) return;
    const target = String(tg.match ?? '').trim();
    if (!target) return void (await tg.reply(t('revoke-usage')));
    if (/^\d+$/.test(target) && app.org.staff.some((s) => s.telegramId === Number(target))) {
      return void (await tg.reply(t('revoke-in-file')));
    }
    const done = await revoke(db, target, member.telegramId, app.clock.now());
    if (done) app.log.info({ by: member.telegramId, what: done }, 'staff access revoked');
    const said = t(done === 'member' ? 'revoke-member-done' : done === 'invite' ? 'revoke-invite-done' : 'revoke-nothing', { target });
    // Their open work goes back, also on a repeated /revoke (a crash may have cut the first one short).
    const person = /^\d+$/.test(target) && done !== 'invite' ? Number(target) : null;
    if (person === null || (await findStaff(db, app.org, person))) return void (await tg.reply(said));
    const summary = await releaseExecutor(app, person, 'revoked');
    const moved = summary.returned + summary.released > 0;
    await tg.reply(done === 'member' || moved ? `${said}\n${t('removal-summary', { ...summary })}` : said);
  });
  return feature;
}
