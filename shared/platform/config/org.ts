import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { formatPath, validateOrg, type Org } from './org-schema.js';
import { positionOf } from './yaml-position.js';

export { orgProfile, roles, type Department, type Org, type Role, type StaffMember } from './org-schema.js';
export { orgIndex, type OrgIndex } from './org-index.js';

/**
 * The organisation file: departments, staff and their roles, chats, topics,
 * locations and the regulation profile. YAML, written by an admin, so every
 * problem is reported with the line and column to fix.
 */

export type OrgError = {
  /** The file name as given, for `FILE:LINE:COL` output. */
  source: string;
  /** `staff[1].department`; `(file)` for the document as a whole. */
  path: string;
  line: number | null;
  column: number | null;
  message: string;
};

export type OrgParseResult = { ok: true; org: Org } | { ok: false; errors: OrgError[] };

export function parseOrg(text: string, source: string): OrgParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: false });

  if (doc.errors.length > 0) {
    // Past a syntax error the data is guesswork; report the syntax alone.
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { source, path: '(file)', line, column: col, message: `YAML syntax: ${e.message}` };
      }),
    };
  }

  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (e) {
    // toJS throws on an alias to a missing anchor and on alias bombs.
    return { ok: false, errors: [{ source, path: '(file)', line: null, column: null, message: `YAML: ${(e as Error).message}` }] };
  }
  if (raw === null || raw === undefined) {
    return {
      ok: false,
      errors: [{ source, path: '(file)', line: 1, column: 1, message: 'the file is empty; expected name, timezone, profile, chats, departments, staff, topics and locations' }],
    };
  }

  const result = validateOrg(raw);
  if (result.ok) return result;
  const errors = result.issues.map((issue): OrgError => {
    const pos = positionOf(doc, lineCounter, issue.path, issue.atKey);
    return { source, path: formatPath(issue.path), line: pos?.line ?? null, column: pos?.column ?? null, message: issue.message };
  });
  // Top to bottom, as the admin reads the file; positionless ones last.
  errors.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, errors };
}

/** `org.yaml:7:5 staff[1].department: "road" is not a department (known: housing, roads)` */
export function formatOrgError(e: OrgError): string {
  const where = e.line === null ? e.source : `${e.source}:${e.line}:${e.column ?? 1}`;
  return `${where} ${e.path}: ${e.message}`;
}

/** Reads and checks the organisation file; throws ConfigError listing every problem. */
export function loadOrg(path: string): Org {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ConfigError(`Cannot read the organisation file ${path} (${code})`, []);
  }
  const result = parseOrg(text, path);
  if (!result.ok) {
    const count = result.errors.length === 1 ? '1 problem' : `${result.errors.length} problems`;
    throw new ConfigError(`The organisation file ${path} is not valid (${count}):`, result.errors.map(formatOrgError));
  }
  return result.org;
}
export { reportChats, deficiencyRecipients, type ReportKind } from './recipients.js';
