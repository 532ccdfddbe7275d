import { describe, expect, it } from 'vitest';
import { FitConfigError } from './errors.js';
import { DEFAULT_TARGET_ACCEPTANCE } from '../../nuts/index.js';
import { defaultWarmupNext, fitConfigJsonSchema, parseFitConfig } from './fitConfig.js';

describe('fit settings: one schema with the defaults', () => {
  it('fills every default (target acceptance 0.9, depth 10, strict thresholds)', () => {
    expect(parseFitConfig({})).toEqual({
      windows: 'quarterly',
      chains: 4,
      warmup: 1000,
      warmupNext: 250,
      draws: 1000,
      seed: 1,
      targetAcceptance: 0.9,
      maxTreeDepth: 10,
      thresholds: { maxRhat: 1.01, minEssBulk: 400, maxDivergences: 0 },
    });
  });

  it("uses the generic sampler's own target acceptance: one value, declared in domain/runs/fitSettings.ts", () => {
    expect(parseFitConfig({}).targetAcceptance).toBe(DEFAULT_TARGET_ACCEPTANCE);
  });

  it('derives the warm-started warm-up from the first one unless given', () => {
    expect([40, 100, 300, 1000, 2000].map(defaultWarmupNext)).toEqual([40, 100, 100, 250, 500]);
    expect(parseFitConfig({ warmup: 300 }).warmupNext).toBe(100);
    expect(parseFitConfig({ warmup: 300, warmupNext: 0 }).warmupNext).toBe(0);
  });

  it('keeps a partial thresholds object with the other thresholds defaulted', () => {
    expect(parseFitConfig({ thresholds: { maxRhat: 1.05 } }).thresholds).toEqual({ maxRhat: 1.05, minEssBulk: 400, maxDivergences: 0 });
  });

  it('refuses bad settings naming every problem by path, unknown keys included', () => {
    const attempt = () => parseFitConfig({ chains: 0, targetAcceptance: 1, windows: 'monthly', windowList: [52, 26], thresholds: { maxRhat: 0.9 }, warmUp: 10 });
    expect(attempt).toThrow(FitConfigError);
    try {
      attempt();
    } catch (error) {
      const issues = (error as FitConfigError).issues.join('\n');
      for (const path of ['chains', 'targetAcceptance', 'windows', 'windowList', 'thresholds.maxRhat', '(root)']) expect(issues).toContain(`${path}: `);
      expect(issues).toContain('warmUp');
      expect((error as FitConfigError).status).toBe(400);
    }
  });

  it('prints a JSON Schema with the defaults a person reads', () => {
    const schema = fitConfigJsonSchema() as { properties: Record<string, { default?: unknown }>; additionalProperties?: unknown };
    expect(schema.properties.targetAcceptance.default).toBe(0.9);
    expect(schema.properties.chains.default).toBe(4);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['windows', 'windowList', 'warmupNext', 'thresholds']));
    expect(schema.additionalProperties).toBe(false);
  });
});
