/**
 * What each process of a bench run uses, read from /proc (Linux): RSS and CPU seconds of a process, and the CPU
 * of the PostgreSQL backends serving one database (found by their `postgres: … <user> <database> …` title).
 */
import { readFileSync, readdirSync } from 'node:fs';

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) a process has used so far (`mainThread`: its main thread only, the event loop's). */
export function cpuSeconds(pid: number, mainThread = false): number {
  try {
    const f =
      readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
        .split(') ')[1]
        ?.split(' ') ?? [];
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The PostgreSQL backend processes connected to `database` now. */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.split(' ').includes(database)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A named group of processes: one pid, or a set that changes (PostgreSQL backends); or a process's main thread. */
export interface ProcessGroup {
  name: string;
  pids(): number[];
  mainThread?: boolean;
}

export type CpuSample = Map<string, Map<number, number>>;

export function sampleCpu(groups: ProcessGroup[]): CpuSample {
  return new Map(groups.map((g) => [g.name, new Map(g.pids().map((pid) => [pid, cpuSeconds(pid, g.mainThread)]))]));
}

/**
 * CPU seconds each group used between two samples. A process that appeared in between counts from zero; one that
 * ended in between is lost (PostgreSQL's pool closes idle backends after 10 s), so a backend figure is a floor.
 */
export function cpuBetween(a: CpuSample, b: CpuSample): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, after] of b) {
    let sum = 0;
    for (const [pid, s] of after) if (Number.isFinite(s)) sum += s - (a.get(name)?.get(pid) ?? 0);
    out.set(name, sum);
  }
  return out;
}
