import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { naiveInitialPoint, navcastTarget } from '../model/index.js';
import { CASE0_FILES, parseCase0, type Case0Texts } from './case0.js';
import { parseFundInput } from './input.js';
import { prepareFund } from './prepare.js';

const fixtures = new URL('../../../test/fixtures/reference/bgg-case0/', import.meta.url);
const texts = Object.fromEntries(CASE0_FILES.map((name) => [name, readFileSync(new URL(`Case0_${name}.csv`, fixtures), 'utf8')])) as Case0Texts;

describe('Case-0 loader', () => {
  const { input, trueValue } = parseCase0(texts);

  it('aligns the files as the README states and passes the input schema', () => {
    expect(() => parseFundInput(JSON.parse(JSON.stringify(input)))).not.toThrow();
    expect(input.contributions).toHaveLength(563);
    expect(input.contributions[0]).toBe(1);
    expect(input.liquidationWeek).toBe(562);
    expect(input.navs[0]).toEqual({ week: 13, value: Math.exp(0.31202), publishedWeek: 26 });
    expect(input.navs.every((n) => n.week % 13 === 0)).toBe(true);
    expect(input.marketReturns[1]).toBe(0.0086316);
    expect(input.h![1]).toBeCloseTo(0.033996 ** 2, 15);
    // Value identity V_t = V_{t-1} e^{r_t} + C_t - D_t gives a plausible weekly return every week
    // (|r| < 50%) only when true_Vt row k is week k + 1.
    for (let t = 1; t < 562; t++) {
      const r = Math.log((trueValue[t] - input.contributions[t] + input.distributions[t]) / trueValue[t - 1]);
      expect(Math.abs(r), `week ${t}`).toBeLessThan(0.5);
    }
  });

  it('prepares with h from the file (flagged) and gives a finite log density at the naive start', () => {
    const prepared = prepareFund(parseFundInput(input));
    expect(prepared.preparation.flags.map((f) => f.code)).toEqual(['H_FROM_INPUT']);
    const target = navcastTarget(prepared.fund, { tau: 400, whitened: true, priors: prepared.priors });
    expect(Number.isFinite(target.logDensity(naiveInitialPoint(target, prepared.fund)))).toBe(true);
  });
});
