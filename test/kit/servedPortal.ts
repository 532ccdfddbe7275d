/**
 * A portal fixture served on loopback with the sample workbook uploaded by Acme's member and
 * a real API key of Acme issued through the API by its admin: what an outside client (the
 * typed client, a Python script) needs to call it.
 */
import { listenOn } from '../../web/server.js';
import { InjectBrowser } from './injectBrowser.js';
import { FIXTURE_PASSWORD, openPortalFixture, type PortalFixture } from './portal.js';

export interface ServedPortal {
  readonly f: PortalFixture;
  readonly url: string;
  /** The sk_live_ key (role `viewer`). */
  readonly key: string;
  close(): Promise<void>;
}

export async function openServedPortal(keyName: string): Promise<ServedPortal> {
  const f = await openPortalFixture();
  const upload = await f.upload(f.users.acmeMember, 'samples/navcast-sample.csv');
  if (!upload.ok) throw new Error('fixture upload failed');
  const admin = new InjectBrowser(f.app);
  if ((await admin.signIn(f.users.acmeAdmin.email, FIXTURE_PASSWORD)).statusCode !== 303) throw new Error('admin sign-in failed');
  await admin.get('/');
  const issued = await admin.request('POST', '/api/v1/api-keys', { json: { name: keyName, role: 'viewer' }, headers: { 'x-csrf-token': admin.csrfToken ?? '' } });
  if (issued.statusCode !== 201) throw new Error(`issuing the API key answered ${issued.statusCode}: ${issued.body}`);
  await f.catchUp();
  const server = await listenOn(f.app, { host: '127.0.0.1', port: 0 });
  return {
    f,
    url: server.url,
    key: issued.json().key,
    async close() {
      await server.close();
      await f.close();
    },
  };
}
