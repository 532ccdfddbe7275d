/**
 * Parse-only benchmark: a workbook of 200 funds x 10 years of weekly rows (written once to
 * a temporary folder), parsed in a fresh process so that peak RSS covers the parse alone.
 * Run: npx tsx test/bench/ingest/parse.bench.ts [xlsx|csv]. Last line: JSON with seconds,
 * cpuSeconds and peakRssMb. (The full `bench:ingest`, with events, builds on this.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWorkbookFile, writeFundsWorkbook } from '../../../commands/ingest/index.js';
import { syntheticFunds } from './syntheticFunds.js';

const FUNDS = 200;
const YEARS = 10;

async function parseOnce(path: string): Promise<void> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await parseWorkbookFile(path, { maxBytes: 100 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (!result.ok) throw new Error(`benchmark workbook rejected: ${result.problems[0].message}`);
  const rows = result.funds.reduce((n, f) => n + f.data.contributions.length + f.data.distributions.length + f.data.navs.length + f.data.prices.length, 0);
  const report = {
    file: path,
    bytes: statSync(path).size,
    funds: result.funds.length,
    rows,
    seconds: Number(seconds.toFixed(3)),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(3)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === '--parse') return parseOnce(arg);
  const format = mode === 'csv' ? 'csv' : 'xlsx';
  const folder = join(tmpdir(), 'navcast-bench-ingest');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `funds-${FUNDS}x${YEARS}y.${format}`);
  if (!existsSync(path)) await writeFundsWorkbook(path, syntheticFunds(FUNDS, YEARS), format);
  const self = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, ['--import', 'tsx', self, '--parse', path], { encoding: 'utf8' });
  process.stdout.write(output);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
