// Renamed to parse.ts; kept while bots/ok/webhook.ts still imports the event key from here.
export { okEventKey } from './parse.js';
