import { jobNames, type JobName } from '../shared/platform/jobs/catalog.js';
import type { JobHandler } from './job.js';
import { acknowledge } from './jobs/acknowledge.js';
import { alert } from './jobs/alert.js';
import { card, cardMarks } from './jobs/card.js';
import { ingest } from './jobs/ingest.js';
import { ingestBatch } from './jobs/ingest-batch.js';
import { lane } from './jobs/lane.js';
import { okTopics } from './jobs/ok-topics.js';
import { privacyRetention } from './jobs/privacy-retention.js';
import { publish } from './jobs/publish.js';
import { reconcile } from './jobs/reconcile.js';
import { report, reportTick } from './jobs/report.js';
import { timer } from './jobs/timer.js';

/** Exactly one handler per catalogued job: the type fails to compile when one is missing. */
export const handlers: { [N in JobName]: JobHandler<N> } = { ingest, ingestBatch, card, cardMarks, lane, publish, acknowledge, alert, timer, reconcile, report, reportTick, okTopics, privacyRetention };

/** The same promise checked at start, against a registry edited without the compiler. */
export function assertRegistryComplete(): void {
  const missing = jobNames.filter((n) => handlers[n]?.name !== n);
  if (missing.length) throw new Error(`worker: no handler for job(s) ${missing.join(', ')}`);
}
