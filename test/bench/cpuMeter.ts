/**
 * CPU time spent by this process and by the PostgreSQL server's processes (when the server
 * runs on this machine), so that a benchmark can report CPU microseconds per event: a figure
 * that, unlike events/s, barely depends on what else the machine is running.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return 0; // the process ended; its time is lost (short-lived backends only)
  }
}

export interface CpuSample {
  readonly node: number;
  /** CPU seconds per server process id; null when the server's processes are not visible here. */
  readonly postgres: ReadonlyMap<number, number> | null;
}

/** Samples CPU seconds; postgres is null when the server's processes are not visible here. */
export async function sampleCpu(pool: pg.Pool): Promise<CpuSample> {
  const usage = process.cpuUsage();
  const node = (usage.user + usage.system) / 1e6;
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity');
  const pids = rows.map((r) => r.pid);
  try {
    readFileSync(`/proc/${pids[0]}/stat`);
  } catch {
    return { node, postgres: null };
  }
  return { node, postgres: new Map(pids.map((pid) => [pid, processCpuSeconds(pid)])) };
}

/** CPU microseconds per event between two samples, as "node + postgres". */
export function cpuPerEvent(before: CpuSample, after: CpuSample, events: number): string {
  const node = ((after.node - before.node) * 1e6) / events;
  if (before.postgres === null || after.postgres === null) return `${node.toFixed(0)} + ?`;
  // Processes that started in between count from zero; keep pools open so none end in between.
  let seconds = 0;
  for (const [pid, cpu] of after.postgres) seconds += cpu - (before.postgres.get(pid) ?? 0);
  const postgres = (seconds * 1e6) / events;
  return `${node.toFixed(0)} + ${postgres.toFixed(0)}`;
}
