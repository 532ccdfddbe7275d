import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG, ModelConfigError, parseModelConfig } from './index.js';

const hashOf = (json: string): string => parseModelConfig(JSON.parse(json)).configHash;

describe('model configuration hash', () => {
  it('is the same whatever the key order, spacing and omitted defaults', () => {
    const a = hashOf('{"name":"Quarterly","fit":{"chains":4,"draws":500}}');
    const b = hashOf('{ "fit": { "draws": 500, "chains": 4 },\n  "name": "Quarterly" }');
    const c = hashOf('{"name":"Quarterly","description":"","fit":{"draws":500,"chains":4,"windows":"quarterly","seed":1,"targetAcceptance":0.9}}');
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for a name in either Unicode form, and differs when any setting does', () => {
    const composed = hashOf('{"name":"Cr\\u00e9dit"}');
    const decomposed = hashOf('{"name":"Cre\\u0301dit"}');
    expect(decomposed).toBe(composed);
    const base = hashOf('{"name":"X"}');
    for (const other of ['{"name":"Y"}', '{"name":"X","fit":{"seed":2}}', '{"name":"X","fit":{"thresholds":{"maxRhat":1.05}}}', '{"name":"X","description":"d"}']) {
      expect(hashOf(other), other).not.toBe(base);
    }
  });

  it('resolves warmupNext before hashing, so leaving it out equals writing its default', () => {
    expect(hashOf('{"name":"X","fit":{"warmup":2000}}')).toBe(hashOf('{"name":"X","fit":{"warmup":2000,"warmupNext":500}}'));
  });
});

describe('model configuration document', () => {
  it('refuses a bad document naming every problem by path', () => {
    try {
      parseModelConfig({ name: ' ', fit: { chains: 0, thresholds: { maxRhat: 0.5 }, windowList: [5, 3] }, extra: true });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ModelConfigError);
      const issues = (error as ModelConfigError).issues.join('\n');
      for (const path of ['name', 'fit.chains', 'fit.thresholds.maxRhat', 'fit.windowList', '(root)']) expect(issues, path).toContain(`${path}:`);
    }
  });

  it('has a default that parses to itself, with target acceptance 0.9', () => {
    expect(parseModelConfig(DEFAULT_MODEL_CONFIG).document).toEqual(DEFAULT_MODEL_CONFIG);
    expect(DEFAULT_MODEL_CONFIG.fit.targetAcceptance).toBe(0.9);
  });
});
