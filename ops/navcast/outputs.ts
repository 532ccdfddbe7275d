/** Files a fit writes to its output folder: summary.json (the numbers) and report.html (the same in words). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FitSummary } from '../../sampler/navcast/fit/fitFund.js';
import { renderFitReport } from '../../sampler/navcast/report/index.js';

/** Writes DIR/summary.json and DIR/report.html; returns their paths. */
export async function writeFitOutputs(dir: string, summary: FitSummary): Promise<{ summary: string; report: string }> {
  await mkdir(dir, { recursive: true });
  const files = { summary: join(dir, 'summary.json'), report: join(dir, 'report.html') };
  await writeFile(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(files.report, renderFitReport(summary));
  return files;
}
