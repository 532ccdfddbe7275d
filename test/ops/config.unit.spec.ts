import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../ops/config.js';

describe('configuration', () => {
  it('defaults to a self-contained start: embedded PostgreSQL, port 3000, ./.navcast', () => {
    const config = loadConfig({}, '/srv/navcast');
    expect(config).toMatchObject({ databaseUrl: undefined, roleUrls: undefined, host: '127.0.0.1', port: 3000, dataDir: '/srv/navcast/.navcast' });
  });

  it('reads the database and role URLs, treating empty values as unset', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://owner:pw@db:5432/navcast',
      NAVCAST_APP_DATABASE_URL: 'postgres://navcast_app:pw@db:5432/navcast',
      NAVCAST_PROJECTOR_DATABASE_URL: 'postgres://navcast_projector:pw@db:5432/navcast',
      NAVCAST_ROLE_PASSWORD: '',
      PORT: '0',
    });
    expect(config.databaseUrl).toBe('postgres://owner:pw@db:5432/navcast');
    expect(config.roleUrls?.projector).toMatch(/navcast_projector/);
    expect(config.rolePassword).toBeUndefined();
    expect(config.port).toBe(0);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT.*DATABASE_URL|DATABASE_URL.*PORT/);
  });
});
