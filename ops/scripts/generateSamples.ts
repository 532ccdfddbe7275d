/**
 * Writes the sample workbooks in samples/ (a multi-fund XLSX and the same funds as CSV)
 * and the templates. Run: npx tsx ops/scripts/generateSamples.ts. Deterministic: running
 * it again gives the same funds (XLSX bytes carry a timestamp, the content does not change).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFundsWorkbook, writeTemplate } from '../../commands/ingest/index.js';
import type { FundData, NamedFundData } from '../../domain/funds/index.js';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const quarterEnd = (year: number, quarter: number) => Date.UTC(year, 3 * quarter + 3, 0);

interface Shape {
  readonly name: string;
  readonly attributes: FundData['attributes'];
  /** Quarters of calls, then of distributions, as fractions of commitment per quarter. */
  readonly callQuarters: number;
  readonly life: number;
  readonly growth: number;
  readonly liquidated: boolean;
  readonly price?: { readonly quarter: number; readonly discount: number; readonly source: string };
}

/** A fund whose calls, distributions and NAVs follow a smooth, plausible path (two-decimal amounts). */
function sampleFund(shape: Shape): NamedFundData {
  const { vintage, commitment } = shape.attributes;
  const data: FundData = { attributes: shape.attributes, contributions: [], distributions: [], navs: [], prices: [] };
  const cents = (x: number) => Math.round(x * 100) / 100 + 0; // + 0 turns -0 into 0
  let value = 0;
  for (let q = 0; q < shape.life; q++) {
    const end = quarterEnd(vintage, q);
    value *= 1 + shape.growth;
    if (q < shape.callQuarters) {
      const call = cents((commitment / shape.callQuarters) * (0.9 + 0.05 * (q % 3)));
      data.contributions.push({ date: iso(end - 20 * DAY_MS), amount: call });
      value += call;
    } else {
      const last = q === shape.life - 1 && shape.liquidated;
      const paid = cents(last ? value : value * 0.12);
      data.distributions.push({ date: iso(end - 10 * DAY_MS), amount: paid, liquidating: last });
      value = last ? 0 : value - paid;
    }
    data.navs.push({ valueDate: iso(end), publishedDate: q % 2 === 0 ? iso(end + 45 * DAY_MS) : null, amount: cents(value) });
    if (shape.price?.quarter === q) data.prices.push({ date: iso(end + 30 * DAY_MS), amount: cents(value * (1 - shape.price.discount)), source: shape.price.source });
  }
  return { name: shape.name, data };
}

/** The sample portfolio: four funds in four currencies, names in three scripts. */
export const SAMPLE_FUNDS: readonly NamedFundData[] = [
  sampleFund({
    name: 'Nordic Buyout Partners IV',
    attributes: { currency: 'EUR', commitment: 50_000_000, vintage: 2014, strategy: 'buyout' },
    callQuarters: 12,
    life: 40,
    growth: 0.03,
    liquidated: true,
  }),
  sampleFund({
    name: 'Pacific Venture Fund II',
    attributes: { currency: 'USD', commitment: 25_000_000, vintage: 2017, strategy: 'venture' },
    callQuarters: 10,
    life: 28,
    growth: 0.045,
    liquidated: false,
    price: { quarter: 20, discount: 0.18, source: 'Secondary buyer, indicative bid' },
  }),
  sampleFund({
    name: 'Fonds Croissance Québec',
    attributes: { currency: 'CAD', commitment: 30_000_000, vintage: 2019, strategy: 'growth' },
    callQuarters: 8,
    life: 20,
    growth: 0.025,
    liquidated: false,
  }),
  sampleFund({
    name: '亚洲房地产基金 I',
    attributes: { currency: 'SGD', commitment: 40_000_000, vintage: 2018, strategy: 'real_estate' },
    callQuarters: 8,
    life: 24,
    growth: 0.015,
    liquidated: false,
    price: { quarter: 16, discount: 0.1, source: 'Valuation agent "Q4 mark", Singapore' },
  }),
];

async function main(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');
  mkdirSync(root, { recursive: true });
  await writeFundsWorkbook(join(root, 'navcast-sample.xlsx'), SAMPLE_FUNDS, 'xlsx');
  await writeFundsWorkbook(join(root, 'navcast-sample.csv'), SAMPLE_FUNDS, 'csv');
  await writeTemplate(join(root, 'navcast-template.xlsx'), 'xlsx');
  await writeTemplate(join(root, 'navcast-template.csv'), 'csv');
  process.stdout.write(`wrote samples to ${root}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
