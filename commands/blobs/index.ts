/** The orphan blob sweep and its rules per blob kind (docs/operations.md, "Blob sweep"). */
export { type BlobKindRule, type References, type SweepOptions, type SweepReport, type SweptBlob, sweepBlobs } from './sweep.js';
export { DEFAULT_UPLOAD_GRACE_MS, UPLOADS_PREFIX, uploadBlobRule } from './uploadBlobs.js';
