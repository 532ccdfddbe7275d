/**
 * The typed client (client/): its generated types are what the server publishes now (the
 * committed file equals a fresh generation), and it works against a real portal on loopback
 * with a real API key: pages through the fund list, reads a fund, and turns a problem into
 * a NavcastApiError with its code.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNavcastClient, dataOf, listAllFunds, NavcastApiError, type NavcastClient } from '../../client/index.js';
import { apiClientSource } from '../../ops/scripts/apiClientSource.js';
import { listenOn } from '../../web/server.js';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
let server: { url: string; close(): Promise<void> };
let client: NavcastClient;

beforeAll(async () => {
  f = await openPortalFixture();
  const upload = await f.upload(f.users.acmeMember, 'samples/navcast-sample.csv');
  if (!upload.ok) throw new Error('fixture upload failed');
  const admin = new InjectBrowser(f.app);
  expect((await admin.signIn(f.users.acmeAdmin.email, FIXTURE_PASSWORD)).statusCode).toBe(303);
  await admin.get('/');
  const issued = await admin.request('POST', '/api/v1/api-keys', { json: { name: 'typed client', role: 'viewer' }, headers: { 'x-csrf-token': admin.csrfToken ?? '' } });
  expect(issued.statusCode).toBe(201);
  await f.catchUp();
  server = await listenOn(f.app, { host: '127.0.0.1', port: 0 });
  client = createNavcastClient({ baseUrl: server.url, token: issued.json().key });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await f?.close();
});

describe('the typed API client', () => {
  it('is generated from the document the server publishes now (else: npm run api:client)', async () => {
    const committed = await readFile(new URL('../../client/navcastApi.ts', import.meta.url), 'utf8');
    expect(committed === (await apiClientSource()), 'client/navcastApi.ts is stale: run npm run api:client and commit it').toBe(true);
  }, 60_000);

  it('pages through every fund and reads one, typed end to end', async () => {
    const funds = await listAllFunds(client, 1);
    expect(funds.map((x) => x.fundName).sort()).toEqual(['Fonds Croissance Québec', 'Nordic Buyout Partners IV', 'Pacific Venture Fund II', '亚洲房地产基金 I'].sort());
    const nordic = funds.find((x) => x.fundName === 'Nordic Buyout Partners IV');
    if (nordic === undefined) throw new Error('no Nordic fund');
    const detail = dataOf(await client.GET('/api/v1/funds/{identityHash}', { params: { path: { identityHash: nordic.identityHash } } }));
    expect(detail.versions.map((v) => v.version)).toEqual([1]);
    expect(detail.versions[0].uploadedBy?.email).toBe('member@acme.test');
  });

  it('throws the problem of a refused request as a NavcastApiError with its code', async () => {
    const missing = '0'.repeat(64);
    const error = await client
      .GET('/api/v1/funds/{identityHash}', { params: { path: { identityHash: missing } } })
      .then(dataOf)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NavcastApiError);
    expect(error).toMatchObject({ status: 404, code: 'fund_not_found' });
    const forbidden = await client
      .GET('/api/v1/api-keys')
      .then(dataOf)
      .catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ status: 403, code: 'forbidden' });
  });
});
