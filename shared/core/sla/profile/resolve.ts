import { z } from 'zod';
import { parseDuration } from '../duration.js';
import { isPresetId, presetIds, presets } from './presets/index.js';
import { profileOverridesSchema, profileSchema, type Profile, type ProfileInput, type ProfileOverrides, type TimerOverride } from './schema.js';

/**
 * An override the merged profile cannot take, with the override's own field
 * (e.g. ["agreedTerm", "max"]), so the organisation file can point at its line.
 */
export class ProfileOverrideError extends Error {
  constructor(
    readonly profileId: string,
    readonly issues: ReadonlyArray<{ path: string[]; message: string }>,
  ) {
    super(`overrides of regulation profile "${profileId}" are invalid:\n${issues.map((i) => `✖ ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
}

/** The term sections whose fields an organisation overrides one by one; their problems are named at the field. */
const TERM_SECTIONS = ['extension', 'agreedTerm'] as const;

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
  if (o.successStories === null) delete merged.successStories;
  else if (o.successStories) merged.successStories = o.successStories;
  if (o.dismissal === null) delete merged.dismissal;
  else if (o.dismissal) merged.dismissal = o.dismissal;
  const termIssues = [...overrideExtension(base, o, merged), ...overrideAgreedTerm(base, o, merged, timers)];
  if (termIssues.length > 0) throw new ProfileOverrideError(base.id, termIssues);
  const parsed = profileSchema.safeParse(merged);
  if (!parsed.success) {
    // A problem inside an overridden extension or agreed term is the override's: named at its field.
    const issues = parsed.error.issues;
    const own = (path: PropertyKey[]) => TERM_SECTIONS.some((k) => path[0] === k && o[k]);
    if (issues.every((i) => own(i.path))) {
      throw new ProfileOverrideError(
        base.id,
        issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      );
    }
    throw new Error(`regulation profile "${base.id}" with the organisation's overrides is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

type Overrides = z.output<typeof profileOverridesSchema>;
type Issue = { path: string[]; message: string };

/**
 * The extension with the organisation's fields laid over the profile's. Changed values are the
 * organisation's rule, so its clause replaces the regulation's unless it gives one; a changed clock
 * must come with that clause (the regulation's days are calendar or working for a reason).
 */
function overrideExtension(base: ProfileInput, o: Overrides, merged: Record<string, unknown>): Issue[] {
  if (o.extension === null) {
    delete merged.extension;
    return [];
  }
  if (!o.extension) return [];
  const own = base.extension;
  if (own && o.extension.clock !== undefined && o.extension.clock !== own.clock && !o.extension.clause) {
    return [{ path: ['extension', 'clock'], message: `the clock changes from ${own.clock} to ${o.extension.clock}; say why in extension.clause` }];
  }
  merged.extension = { ...(own ?? {}), ...o.extension, clause: o.extension.clause ?? 'organisation file' };
  return [];
}

/**
 * The agreed term with the organisation's fields laid over the profile's. Where the profile's term is
 * a shortened one (zavitinsk п.8, ivanovo п.7, sobolevo п.18: its max under the timer's own duration),
 * the new max must stay under that duration, or the "shortened" term would outlast the regulation's own.
 */
function overrideAgreedTerm(base: ProfileInput, o: Overrides, merged: Record<string, unknown>, timers: Record<string, unknown>): Issue[] {
  if (o.agreedTerm === null) {
    delete merged.agreedTerm;
    return [];
  }
  if (!o.agreedTerm) return [];
  const own = base.agreedTerm;
  const term = { ...(own ?? {}), ...o.agreedTerm, clause: o.agreedTerm.clause ?? 'organisation file' };
  merged.agreedTerm = term;
  const issues: Issue[] = [];
  if (own && o.agreedTerm.clock !== undefined && o.agreedTerm.clock !== own.clock && !o.agreedTerm.clause) {
    issues.push({ path: ['agreedTerm', 'clock'], message: `the clock changes from ${own.clock} to ${o.agreedTerm.clock}; say why in agreedTerm.clause` });
  }
  const timer = term.timer !== undefined ? (timers[term.timer] as TimerOverride | undefined) : undefined;
  const ownLimit = own ? lengthIn(base.timers[own.timer]?.duration, own.unit) : null;
  const limit = term.unit !== undefined ? lengthIn(timer?.duration, term.unit) : null;
  const shortened = own !== undefined && ownLimit !== null && (own.max ?? 0) < ownLimit;
  if (shortened && limit !== null && term.max !== undefined && term.max >= limit && o.agreedTerm.max !== undefined) {
    issues.push({
      path: ['agreedTerm', 'max'],
      message: `${term.max} ${term.unit} is not shorter than the "${term.timer}" timer's own ${timer!.duration}: here an agreed term only shortens it (at most ${limit - 1})`,
    });
  }
  return issues;
}

/** A timer's duration as a whole number of `unit`s, or null when it is not one ("1d4h" in hours). */
function lengthIn(duration: string | undefined, unit: 'days' | 'hours'): number | null {
  if (!duration) return null;
  const d = parseDuration(duration);
  if (unit === 'days') return d.minutes === 0 ? d.days : null;
  return d.days === 0 && d.minutes % 60 === 0 ? d.minutes / 60 : null;
}
