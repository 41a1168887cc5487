/**
 * CPU seconds (user + system) of processes on this Linux machine, read from /proc, so a benchmark can say
 * where the time of a request goes: the app server, DynamoDB Local's JVM, or the load generator itself.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Linux's USER_HZ: /proc reports CPU times in 1/100 s on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

type Stat = { pid: number; ppid: number; ticks: number };

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
}

/** CPU seconds of `pid` and all its descendants so far. */
export function treeCpuSeconds(pid: number): number {
  const stats = allPids().flatMap((p) => stat(p) ?? []);
  const inTree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (inTree.has(s.pid) || !inTree.has(s.ppid)) continue;
      inTree.add(s.pid);
      grew = true;
    }
  }
  return stats.filter((s) => inTree.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) / TICKS_PER_SECOND;
}

/** The process whose command line contains every one of `parts` (e.g. the JVM of DynamoDB Local on a port). */
export function findPid(parts: string[]): number | undefined {
  for (const pid of allPids()) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (parts.every((part) => args.includes(part) || args.some((arg) => arg.endsWith(part)))) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

export type CpuSplit = Record<string, number>;

/** CPU seconds each named process tree spent while `work` ran (this process: its own usage). */
export async function cpuDuring<T>(pids: Record<string, number>, work: () => Promise<T>): Promise<{ value: T; cpuSeconds: CpuSplit }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, treeCpuSeconds(pid)]));
  const self = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(self);
  const cpuSeconds: CpuSplit = { bench: (used.user + used.system) / 1e6 };
  for (const [name, pid] of Object.entries(pids)) cpuSeconds[name] = treeCpuSeconds(pid) - (before[name] ?? 0);
  return { value, cpuSeconds };
}
