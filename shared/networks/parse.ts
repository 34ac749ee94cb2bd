// Kept for callers that import the parser from here (worker/jobs/ingest.ts); it goes through the registry.
export { parseInboundEvent } from './registry.js';
