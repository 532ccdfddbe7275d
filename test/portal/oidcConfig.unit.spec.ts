import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../ops/config.js';

const base = { NAVCAST_PUBLIC_URL: 'https://portal.example/' };

describe('OIDC settings from the environment', () => {
  it('is off without an issuer', () => {
    expect(loadConfig(base, '/tmp').oidc).toBeUndefined();
  });

  it('builds the callback from the public URL and keeps the issuer exactly as given', () => {
    const config = loadConfig(
      { ...base, NAVCAST_OIDC_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC', NAVCAST_OIDC_CLIENT_ID: 'client-1', NAVCAST_OIDC_CLIENT_SECRET: 's3cret' },
      '/tmp',
    );
    expect(config.oidc).toEqual({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
      clientId: 'client-1',
      clientSecret: 's3cret',
      redirectUri: 'https://portal.example/auth/oidc/callback',
    });
  });

  it('leaves the secret out for a public client', () => {
    const config = loadConfig({ ...base, NAVCAST_OIDC_ISSUER: 'https://idp.example/', NAVCAST_OIDC_CLIENT_ID: 'c' }, '/tmp');
    expect(config.oidc).toEqual({ issuer: 'https://idp.example/', clientId: 'c', redirectUri: 'https://portal.example/auth/oidc/callback' });
  });

  it('refuses partial settings', () => {
    expect(() => loadConfig({ ...base, NAVCAST_OIDC_ISSUER: 'https://idp.example' }, '/tmp')).toThrow(/NAVCAST_OIDC_CLIENT_ID/);
    expect(() => loadConfig({ NAVCAST_OIDC_ISSUER: 'https://idp.example', NAVCAST_OIDC_CLIENT_ID: 'c' }, '/tmp')).toThrow(/NAVCAST_PUBLIC_URL/);
    expect(() => loadConfig({ ...base, NAVCAST_OIDC_CLIENT_ID: 'c' }, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, NAVCAST_OIDC_ISSUER: 'ftp://idp.example', NAVCAST_OIDC_CLIENT_ID: 'c' }, '/tmp')).toThrow(/NAVCAST_OIDC_ISSUER/);
  });
});
