/**
 * One card as a chat sees it, drawn from its view (view.ts): the text and
 * the buttons. Pure: the same view, settings and moment give the same card.
 */
import { currentDraft, type WorkflowRules } from '../../core/incident/index.js';
import { checkText } from '../../platform/wordlists/moderation.js';
import type { Profile, WorkTime } from '../../core/sla/index.js';
import type { SpellChecker } from '../../core/checks/draft-checks.js';
import type { Org } from '../../platform/config/org.js';
import { t } from '../../platform/i18n.js';
import { cardDeadlineLine, nextDeadline } from './deadline.js';
import { draftWarnings, warningLines } from './draft-checks.js';
import { keyboard, type ButtonSpec } from './keyboard.js';
import { renderCard } from './render.js';
import { staffSeesAuthor } from './author.js';
import { initialSelection } from './selection.js';
import { curatorDeciding, type CardPublication, type CardView } from './view.js';

/** What the card is drawn against: the organisation file and its regulation, and the moment. */
export type CardSettings = {
  org: Org;
  rules: WorkflowRules;
  profile: Profile;
  workTime: WorkTime;
  now: Date;
  /** The spelling dictionary, where the profile checks spelling (loaded by the caller: I/O). */
  spell?: SpellChecker | null;
};

export type PresentedCard = { text: string; rows: ButtonSpec[][] };

export function presentCard(view: CardView, s: CardSettings): PresentedCard {
  const { incident, state, chat, selection } = view;
  const next = nextDeadline(view.events, s.profile, s.workTime);
  const draftForApproval = state.status === 'on_approval' ? currentDraft(state) : null;
  const deciding = curatorDeciding(chat, state);
  const text = renderCard(incident, {
    timezone: s.org.timezone,
    state,
    rules: s.rules,
    departmentName: (id) => s.org.departments.find((d) => d.id === id)?.name ?? id,
    staffName: (id) => view.staff.staff.find((m) => m.telegramId === id)?.name ?? `id${id}`,
    selection,
    deadline: next ? cardDeadlineLine(next, s.now, s.org.timezone) : null,
    publication: view.publication,
    showAuthor: staffSeesAuthor(s.org),
    // The approver sees what the executor was warned about; computed only while a draft awaits approval.
    draftWarnings: draftForApproval ? warningLines(draftWarnings(draftForApproval, state, incident.authorName, s.spell ?? null)) : null,
    photoLeftOut: view.photoLeftOut ? t(view.photoLeftOut) : null,
    // Only a suggestion, and only while the curator decides whether the message is to be processed.
    moderation: deciding ? checkText(incident.text) : null,
    repeat: view.repeat,
    conversation: view.conversation,
    channelPostLink: view.channelPostLink,
    manual: incident.network === 'manual' ? manualOrigin(incident.thread, (id) => s.org.staff.find((m) => m.telegramId === id)?.name ?? `id${id}`) : null,
  });
  const rows = chat
    ? keyboard({
        ...(view.repeatCandidates ? { repeatCandidates: view.repeatCandidates } : {}),
        timezone: s.org.timezone,
        state,
        audience: chat.audience,
        ...(chat.department ? { department: chat.department } : {}),
        selection: selection ?? initialSelection({ topics: [], location: null, departments: [] }),
        org: s.org,
        rules: s.rules,
        forwardBodies: s.profile.forwarding?.bodies ?? [],
        deepLink: view.deepLink,
        notPublished: notPublished(view.publication),
      })
    : [];
  return { text, rows };
}

/** A hand-registered incident's origin for the card: the known sources by their Russian names, a monitoring system by its own. */
function manualOrigin(thread: Record<string, string | number>, staffName: (id: number) => string): { source: string; by: string } {
  const source = String(thread.source ?? 'forward');
  const known = ['forward', 'link', 'screenshot'].includes(source);
  return { source: known ? t(`manual-source-${source}`) : source, by: staffName(Number(thread.registeredBy)) };
}

function notPublished(publication: CardPublication | null): 'manual' | 'failed' | 'unconfirmed' | null {
  const status = publication?.status;
  return status === 'manual' || status === 'failed' || status === 'unconfirmed' ? status : null;
}
