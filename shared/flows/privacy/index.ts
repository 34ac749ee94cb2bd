/** Personal data under 152-ФЗ: retention, export and erasure (docs/privacy.md). */
export { anonymiseIncident, afterAnonymised, anonymousKey } from './anonymise.js';
export { exportAuthor, eraseAuthor, authorHoldings, parseAuthorRef, ANONYMISED_PAYLOAD, type AuthorRef, type AuthorExport, type ErasureResult } from './author.js';
export { applyRetention, expiredIncidents, retentionDays, retentionCutoff, type RetentionResult } from './retention.js';
export { recordPrivacyAction, latestPrivacyActions, type PrivacyActor } from './audit.js';
export { findInRedis, sweepRedis, type RedisTrace } from './redis.js';
export { redactor, tracesOf, mergeTraces, type Traces, type Redactor } from './redact.js';
