import { defineConfig } from 'vitest/config';

// Test tiers are named in the file: *.unit.spec.ts (pure, no services),
// *.int.spec.ts (real PostgreSQL and other services), *.e2e.spec.ts (whole system).
// The global setup starts one throwaway PostgreSQL cluster unless TEST_DATABASE_URL is
// given; each test file then gets its own database cloned from a migrated template.
export default defineConfig({
  test: {
    include: ['**/*.{unit,int,e2e}.spec.ts'],
    exclude: ['node_modules/**', '.navcast/**'],
    globalSetup: ['test/kit/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
