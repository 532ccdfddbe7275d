import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore } from '../../ops/blobs/index.js';
import { type LocalS3, startLocalS3 } from '../kit/s3.js';
import { describeBlobStoreContract } from './blobStoreContract.js';

let s3: LocalS3;
let store: S3BlobStore;
/** Inputs of every command the store sent, observed through SDK middleware. */
const sent: { command: string; input: Record<string, unknown> }[] = [];

beforeAll(async () => {
  s3 = await startLocalS3();
  store = new S3BlobStore({ bucket: s3.bucket, prefix: 'navcast/', region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
  store.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push({ command: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
});
afterAll(async () => {
  store.client.destroy();
  await s3.stop();
});

describeBlobStoreContract('S3 (s3rver)', () => ({
  store,
  tamper: async (key, bytes) => {
    await store.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: `navcast/${key}`, Body: bytes }));
  },
}));

describe('S3BlobStore specifics', () => {
  it('requests server-side encryption and records the SHA-256 with each new object', async () => {
    const stored = await store.put(new TextEncoder().encode('encrypted at rest'), { namespace: 'uploads/org-sse', contentType: 'text/plain' });
    const put = sent.filter((entry) => entry.command === 'PutObjectCommand').at(-1);
    expect(put?.input).toMatchObject({ Bucket: s3.bucket, Key: `navcast/${stored.key}`, ServerSideEncryption: 'AES256', Metadata: { sha256: stored.sha256 } });
    const head = await store.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `navcast/${stored.key}` }));
    expect(head.Metadata).toEqual({ sha256: stored.sha256 });
    expect(head.ContentType).toBe('text/plain');
  });

  it('renews a stored object with a copy onto itself, sending the bytes again only where the server kept the old time', async () => {
    const bytes = new TextEncoder().encode('upload me once');
    await store.put(bytes, { namespace: 'uploads/org-once' });
    const count = (command: string) => sent.filter((entry) => entry.command === command).length;
    const [puts, copies] = [count('PutObjectCommand'), count('CopyObjectCommand')];
    expect((await store.put(bytes, { namespace: 'uploads/org-once' })).created).toBe(false);
    expect(count('CopyObjectCommand')).toBe(copies + 1);
    // s3rver keeps an object's time on a copy onto itself (AWS S3 renews it): the bytes went again.
    expect(count('PutObjectCommand')).toBe(puts + 1);
  });
});
