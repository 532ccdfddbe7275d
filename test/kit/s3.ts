/**
 * Starts a local S3-protocol server (s3rver 3.7.1) for a test file: loopback only, a free
 * port, a fresh data folder and one bucket. It never checks signatures, so any credentials
 * work: authentication failures cannot be tested against it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface LocalS3 {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  stop(): Promise<void>;
}

/** Starts s3rver with `bucket`; call `stop()` in afterAll. */
export async function startLocalS3(bucket = 'navcast-test'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'navcast-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
