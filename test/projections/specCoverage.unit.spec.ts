/**
 * Every decider and every projector has given/when/then specs (docs/architecture.md,
 * "Commands"): each `Decider` exported from domain/ is run by a spec through test/kit/decider.ts,
 * and each table of every projection is asserted by a projector spec through test/kit/projection.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allProjections } from '../../projections/index.js';
import * as readModels from '../../read-models/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

describe('spec coverage of deciders and projectors', () => {
  it('runs every decider of domain/ in a given/when/then spec', () => {
    const sources = files('domain', (n) => n.endsWith('.ts') && !n.includes('.spec.'));
    const deciders = sources.flatMap((s) => [...s.matchAll(/export const (\w+): Decider</g)].map((m) => m[1]));
    expect(deciders.sort()).toEqual(['evergreenDecider', 'fundSettingsDecider', 'fundUploadDecider', 'marketSeriesDecider', 'modelConfigDecider', 'organizationDecider']);
    const specs = [...files('domain', (n) => n.endsWith('.spec.ts')), ...files('test', (n) => n.endsWith('.spec.ts'))].filter((s) => s.includes("kit/decider.js'"));
    const unspecified = deciders.filter((d) => !specs.some((s) => s.includes(d)));
    expect(unspecified).toEqual([]);
  });

  it('asserts every table of every projection in a projector spec', () => {
    const specs = files('test/projections', (n) => n.endsWith('.spec.ts')).filter((s) => s.includes("kit/projection.js'"));
    const exportName = (table: object) => Object.entries(readModels).find(([, v]) => v === table)?.[0];
    const tables = allProjections.flatMap((p) => p.tables.map((t) => exportName(t) ?? `${p.name}:${t.name} (not exported)`));
    expect(tables.length).toBeGreaterThanOrEqual(14);
    const unasserted = tables.filter((name) => !specs.some((s) => new RegExp(`\\[\\s*${name},\\s*\\[|then\\(${name},`).test(s)));
    expect(unasserted).toEqual([]);
  });
});
