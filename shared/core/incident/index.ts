// The incident workflow core: pure, no I/O (bar reading its own phrase lists), no clock.
export { statuses, terminalStatuses, workStatuses, isStatus, type Status } from './status.js';
export {
  roles,
  actorRoles,
  actorSchema,
  actorUserId,
  workflowRulesSchema,
  resolveRole,
  resolveRoles,
  type Role,
  type ActorRole,
  type Actor,
  type RoleRef,
  type WorkflowRules,
} from './roles.js';
export {
  commandSchema,
  commandTypes,
  attachmentSchema,
  importances,
  rejectReasons,
  draftKinds,
  outcomes,
  reopenCauses,
  reactionKinds,
  removalCauses,
  type Command,
  type CommandInput,
  type CommandType,
  type CommandOf,
  type DraftAttachment,
  type Importance,
  type RejectReason,
  type DraftKind,
  type Outcome,
  type ReopenCause,
  type ReactionKind,
  type RemovalCause,
} from './commands.js';
export {
  eventDataSchemas,
  eventTypes,
  detectedEvent,
  serializeEvent,
  parseEvent,
  type EventType,
  type EventData,
  type EventOf,
  type IncidentEvent,
  type DetectedEvent,
  type EventRecord,
} from './events.js';
export {
  currentDraft,
  textToPublish,
  coExecutorDepartments,
  owedParts,
  actingDepartments,
  responsibleExecutor,
  isRepeat,
  isClockPaused,
  type IncidentState,
  type Triage,
  type Rejection,
  type Routing,
  type Part,
  type Draft,
  type ReturnNote,
  type ClockPause,
  type Reopening,
  type Removal,
} from './state.js';
export {
  transitions,
  derivedTargets,
  workStatus,
  resolveTarget,
  type Transition,
  type Target,
  type DerivedTarget,
} from './transitions.js';
export {
  refusalReasons,
  refusalMessages,
  checkRole,
  checkStatus,
  checkAssignment,
  type Refusal,
  type RefusalReason,
  type RefusalMessage,
} from './guards.js';
export { decide, type Decision } from './decide.js';
export { initialState, evolve, replay } from './evolve.js';
export { availableCommands, holders, type Holder } from './holders.js';
export {
  checkDraft,
  parsePhraseList,
  type DraftWarning,
  type DraftWarningCode,
  type DraftCheckInput,
  type PhraseLists,
} from '../checks/draft-checks.js';
export { loadPhraseLists } from '../../platform/wordlists/phrase-lists.js';
