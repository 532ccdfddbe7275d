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

describe('trusted proxies', () => {
  it('is empty by default and reads a comma-separated list of addresses, ranges and names', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ NAVCAST_TRUSTED_PROXIES: ' 10.0.0.0/8, loopback ,2001:db8::1,, fd00::/8' }).trustedProxies).toEqual(['10.0.0.0/8', 'loopback', '2001:db8::1', 'fd00::/8']);
  });

  it('names the entry that is not an address, a range or a known name', () => {
    expect(() => loadConfig({ NAVCAST_TRUSTED_PROXIES: '10.0.0.1,proxy.internal' })).toThrow(/NAVCAST_TRUSTED_PROXIES.*"proxy.internal"/);
    expect(() => loadConfig({ NAVCAST_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/"10.0.0.0\/33" has an invalid prefix length/);
    expect(() => loadConfig({ NAVCAST_TRUSTED_PROXIES: 'fd00::/129' })).toThrow(/invalid prefix length/);
    expect(() => loadConfig({ NAVCAST_TRUSTED_PROXIES: '10.0.0.0/8/1' })).toThrow(ConfigError);
  });
});
