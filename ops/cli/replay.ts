import { allProjections, dropScratch, replayReadModels } from '../../projections/index.js';
import { openLog, workerId } from '../platform.js';

export interface ReplayCliOptions {
  readonly asOfSeq?: number;
  readonly tenant?: string;
  /** Keep the scratch schema for inspection instead of dropping it. */
  readonly keep: boolean;
}

/**
 * `audit replay`: rebuilds every read model into a scratch schema and diffs it with the live
 * one. Returns the report and whether it counts as a failure (differences without --as-of;
 * with --as-of the rebuild is a past state, so differences are expected and only reported).
 */
export async function auditReplay(url: string, options: ReplayCliOptions): Promise<{ report: object; failed: boolean }> {
  const access = openLog(url, 3);
  try {
    const report = await replayReadModels({
      pool: access.pool,
      feed: access.feed,
      projections: allProjections,
      owner: workerId('audit-replay'),
      ...(options.asOfSeq === undefined ? {} : { asOfSeq: options.asOfSeq }),
      ...(options.tenant === undefined ? {} : { tenants: [options.tenant] }),
    });
    if (!options.keep) await dropScratch(access.pool, report.scratchSchema);
    const failed = options.asOfSeq === undefined && report.differences.length > 0;
    return {
      report: {
        status: report.differences.length === 0 ? 'equal' : 'different',
        asOfSeq: options.asOfSeq ?? null,
        events: report.events,
        rebuiltTo: report.rebuiltTo,
        scratchSchema: options.keep ? report.scratchSchema : null,
        differences: report.differences,
      },
      failed,
    };
  } finally {
    await access.close();
  }
}
