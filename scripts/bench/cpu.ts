/**
 * CPU time of the processes a benchmark started, from /proc (Linux): what
 * bounds a run on a machine whose cores everything shares.
 */
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system, with reaped children's) of this process's descendants by command name, from
 * /proc (Linux). `named`: descendants counted under a name of their own instead of their command's (several
 * are "node"), or left out with null (one that reports its own time, as the load client does).
 */
export function cpuByCommand(root: number, named: Record<number, string | null> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    const tick = 100; // USER_HZ on Linux
    const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { pid: Number(pid), ppid: Number(f[1]), comm, cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick };
      } catch {
        return undefined;
      }
    }).filter((x) => x !== undefined);
    const mine = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) [grew] = [true, mine.add(p.pid)];
    }
    for (const p of procs) {
      if (!mine.has(p.pid) || p.pid === root) continue;
      const name = p.pid in named ? named[p.pid] : p.comm.split(' ')[0]!;
      if (name) out[name] = (out[name] ?? 0) + p.cpu;
    }
  } catch {
    /* not Linux */
  }
  return out;
}
