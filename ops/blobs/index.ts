/** Blob store adapters: a local folder (the default) and S3. */
export { LocalBlobStore, sha256Hex } from './localBlobStore.js';
export { S3BlobStore, type S3BlobStoreOptions } from './s3BlobStore.js';
