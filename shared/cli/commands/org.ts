import { readFile } from 'node:fs/promises';
import { formatOrgError, orgProfile, parseOrg } from '../../platform/config/org.js';

/**
 * `otklik org check FILE` — checks an organisation file the way the start
 * does, printing problems as `FILE:LINE:COL path: message` (editors and CI
 * annotate lines from that shape).
 */

const usage = 'Usage: otklik org check FILE\n\n  check FILE  check an organisation file and report every problem with its line';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function run(args: string[]): Promise<number> {
  const [sub, file, ...extra] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    console.log(usage);
    return 0;
  }
  if (sub !== 'check' || !file || extra.length > 0) {
    console.error(usage);
    return 2;
  }

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 1;
  }

  const result = parseOrg(text, file);
  if (!result.ok) {
    for (const error of result.errors) console.error(formatOrgError(error));
    return 1;
  }
  const { org } = result;
  console.log(
    `OK: ${org.name} — ${plural(org.departments.length, 'department', 'departments')}, ${org.staff.length} staff, profile ${orgProfile(org).id}`,
  );
  return 0;
}
