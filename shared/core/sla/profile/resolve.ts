import { z } from 'zod';
import { isPresetId, presetIds, presets } from './presets/index.js';
import { profileOverridesSchema, profileSchema, type Profile, type ProfileInput, type ProfileOverrides, type TimerOverride } from './schema.js';

/**
 * The profile an organisation works by: a preset (by id) or a whole profile
 * of its own, with the organisation file's overrides laid over it. The
 * result is validated as a whole, so a bad override is named by its path.
 */
export function resolveProfile(opts: { profile: string | ProfileInput; overrides?: ProfileOverrides }): Profile {
  let base: ProfileInput;
  if (typeof opts.profile === 'string') {
    if (!isPresetId(opts.profile)) throw new Error(`unknown regulation profile "${opts.profile}"; presets: ${presetIds.join(', ')}`);
    base = presets[opts.profile];
  } else {
    base = opts.profile;
  }
  if (!opts.overrides) return profileSchema.parse(base);
  const over = profileOverridesSchema.safeParse(opts.overrides);
  if (!over.success) throw new Error(`overrides of regulation profile "${base.id}" are invalid:\n${z.prettifyError(over.error)}`);
  const o = over.data;
  // A preset's clock comes with its reason (`clockNote`); an organisation that changes the clock says its own.
  const unexplained: string[] = [];
  const checkClock = (path: string, from: TimerOverride | undefined, to: TimerOverride) => {
    if (to.clock !== undefined && from?.clock !== undefined && to.clock !== from.clock && !to.clockNote) {
      unexplained.push(`${path}: the clock changes from ${from.clock} to ${to.clock}; say why in clockNote`);
    }
  };
  const timers: Record<string, unknown> = { ...base.timers };
  for (const [id, t] of Object.entries(o.timers ?? {})) {
    checkClock(`timers.${id}`, base.timers[id], t);
    timers[id] = { ...(base.timers[id] ?? {}), ...t };
  }
  const importance: Record<string, { clause: string; timers: Record<string, unknown> }> = {};
  for (const [level, v] of Object.entries(base.importance ?? {})) importance[level] = { clause: v.clause, timers: { ...v.timers } };
  for (const [level, v] of Object.entries(o.importance ?? {})) {
    const cur = importance[level] ?? { clause: v.clause ?? 'organisation file', timers: {} };
    for (const [id, t] of Object.entries(v.timers)) {
      checkClock(`importance.${level}.timers.${id}`, { ...(timers[id] as TimerOverride | undefined), ...(cur.timers[id] as TimerOverride | undefined) }, t);
      cur.timers[id] = { ...(cur.timers[id] ?? {}), ...t };
    }
    if (v.clause) cur.clause = v.clause;
    importance[level] = cur;
  }
  if (unexplained.length > 0) throw new Error(`overrides of regulation profile "${base.id}" are invalid:\n${unexplained.map((u) => `✖ ${u}`).join('\n')}`);
  const merged: Record<string, unknown> = {
    ...base,
    ...(o.title ? { title: o.title } : {}),
    ...(o.approver ? { approver: o.approver, approverClause: 'organisation file' } : {}),
    ...(o.publisher ? { publisher: o.publisher, publisherClause: 'organisation file' } : {}),
    ...(o.responsibleSetter ? { responsibleSetter: o.responsibleSetter } : {}),
    ...(o.jointAnswer ? { jointAnswer: o.jointAnswer } : {}),
    timers,
    importance,
  };
  if (o.draftChecks?.spelling !== undefined) {
    const checks: Record<string, unknown> = { ...(base.draftChecks ?? {}) };
    if (o.draftChecks.spelling) checks.spelling ??= { clause: 'organisation file', quote: 'orthography checked by the organisation\'s choice' };
    else delete checks.spelling;
    merged.draftChecks = checks;
  }
  if (o.clarification === null) delete merged.clarification;
  else if (o.clarification) merged.clarification = o.clarification;
  if (o.rejection) merged.rejection = o.rejection;
  if (o.forwarding) {
    const own = base.forwarding;
    const bodies = [...(own?.bodies ?? []), ...(o.forwarding.bodies ?? []).filter((b) => !(own?.bodies ?? []).some((x) => x.id === b.id))];
    merged.forwarding = {
      ...(own ?? { clause: 'organisation file' }),
      bodies,
      ...(o.forwarding.replyToCitizen !== undefined ? { replyToCitizen: o.forwarding.replyToCitizen } : {}),
    };
  }
  if (o.ratings === null) delete merged.ratings;
  else if (o.ratings) merged.ratings = o.ratings;
  const parsed = profileSchema.safeParse(merged);
  if (!parsed.success) throw new Error(`regulation profile "${base.id}" with the organisation's overrides is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
