import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { LocalBlobStore } from '../../ops/blobs/index.js';
import { describeBlobStoreContract } from './blobStoreContract.js';

const root = mkdtempSync(join(tmpdir(), 'navcast-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = new LocalBlobStore(root);

describeBlobStoreContract('local folder', () => ({
  store,
  tamper: async (key, bytes) => writeFileSync(join(root, ...key.split('/')), bytes),
}));
