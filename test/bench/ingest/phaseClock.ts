/**
 * Per-phase wall and CPU time of one benchmark run. Phases are reported as they end (the
 * upload handler's onPhase gives wall time); the CPU time of a phase is this process's
 * user + system time since the previous phase ended, so both columns add up to the run.
 */

/** Wall and CPU milliseconds of one phase (summed when a phase repeats, e.g. a retried append). */
export interface PhaseTime {
  wallMs: number;
  cpuMs: number;
}

export type PhaseSummary = Record<string, PhaseTime>;

export class PhaseClock {
  private readonly phases: PhaseSummary = {};
  private cpu = process.cpuUsage();

  /** Records the end of `phase`, which took `wallMs` of wall time. */
  lap(phase: string, wallMs: number): void {
    const used = process.cpuUsage(this.cpu);
    this.cpu = process.cpuUsage();
    const entry = (this.phases[phase] ??= { wallMs: 0, cpuMs: 0 });
    entry.wallMs += wallMs;
    entry.cpuMs += (used.user + used.system) / 1000;
  }

  /** Every phase in the order it first ended, times rounded to milliseconds. */
  summary(): PhaseSummary {
    const round = ({ wallMs, cpuMs }: PhaseTime) => ({ wallMs: Math.round(wallMs), cpuMs: Math.round(cpuMs) });
    return Object.fromEntries(Object.entries(this.phases).map(([phase, time]) => [phase, round(time)]));
  }
}

const LABELS: Record<string, string> = {
  read: 'read file',
  store: 'store workbook blob',
  fast: 'parse: CSV fast path (whole parse)',
  tokenize: 'parse: tokenize (bytes to cells)',
  records: 'parse: records (validate rows)',
  assemble: 'parse: assemble (checks across rows)',
  hash: 'data and identity hashes',
  read_streams: 'read fund streams',
  decide: 'decide events',
  append: 'append (navcast_append)',
  project: 'projections caught up',
};

/** Table rows `label -> "wall ms (cpu ms CPU)"` for the phases of a summary. */
export function phaseRows(phases: PhaseSummary): [string, string][] {
  return Object.entries(phases).map(([phase, t]) => [`  ${LABELS[phase] ?? phase}`, `${t.wallMs} ms wall, ${t.cpuMs} ms CPU`]);
}
