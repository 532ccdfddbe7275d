/**
 * The Excel add-in's path: an organisation API key (Bearer sk_live_...) uploads a workbook
 * as the raw body (no cookie, no CSRF token) and reads the fund back; the event names the
 * key as its actor; another organisation's fund stays 404.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';
import { smallFund, workbookBytes } from './clientKit.js';

let f: PortalFixture;
let acmeKey: string;
let acmeKeyId: string;

async function issueKey(orgId: string, role: 'viewer' | 'member'): Promise<{ key: string; keyId: string }> {
  const key = `sk_live_${randomBytes(24).toString('base64url')}`;
  const keyId = randomUUID();
  await f.asOperator({ type: 'IssueApiKey', orgId, keyId, name: `add-in ${role}`, role, keyHash: createHash('sha256').update(key).digest('hex'), keyPrefix: key.slice(0, 12) });
  await f.catchUp();
  return { key, keyId };
}

beforeAll(async () => {
  f = await openPortalFixture();
  ({ key: acmeKey, keyId: acmeKeyId } = await issueKey(f.acmeOrgId, 'member'));
}, 120_000);
afterAll(async () => f?.close());

describe('uploads with an API key', () => {
  it('uploads a raw XLSX body without CSRF, names the key in the log, and reads the fund back', async () => {
    const payload = await workbookBytes([smallFund('Add-in Fund')], 'xlsx');
    const response = await f.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?filename=addin.xlsx&source=excel_addin',
      headers: { authorization: `Bearer ${acmeKey}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    const fund = (response.json() as { funds: { identityHash: string; outcome: string }[] }).funds[0];
    expect(fund.outcome).toBe('new');
    const detail = await f.app.inject({ method: 'GET', url: `/api/v1/funds/${fund.identityHash}`, headers: { authorization: `Bearer ${acmeKey}` } });
    expect(detail.statusCode).toBe(200);
    expect((detail.json() as { versions: { uploadedBy: unknown; source: string }[] }).versions[0]).toMatchObject({
      source: 'excel_addin',
      uploadedBy: { kind: 'api_key', id: acmeKeyId, email: null, label: `API key "add-in member" (${acmeKey.slice(0, 12)})` },
    });

    const globex = await issueKey(f.globexOrgId, 'viewer');
    const foreign = await f.app.inject({ method: 'GET', url: `/api/v1/funds/${fund.identityHash}`, headers: { authorization: `Bearer ${globex.key}` } });
    expect(foreign.statusCode).toBe(404);
    const viewerUpload = await f.app.inject({
      method: 'POST',
      url: '/api/v1/uploads?filename=v.xlsx',
      headers: { authorization: `Bearer ${globex.key}`, 'content-type': 'text/csv' },
      payload: 'fund\n',
    });
    expect(viewerUpload.statusCode).toBe(403);
  });
});
