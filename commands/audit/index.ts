/**
 * The audit side of the event log: Merkle tree and proofs, Ed25519 signed checkpoints and
 * their write-once store, the sealer, the verifier (live database or offline bundle) and
 * the export bundle.
 */
export { exportBundle, verifyBundle, type BundleVerification } from './bundle.js';
export { bundleFormat, type BundleManifest } from './bundleFormat.js';
export {
  checkpointFormat,
  checkpointSignatureProblem,
  checkpointSigningBytes,
  parseCheckpointRecord,
  signCheckpoint,
  type CheckpointBody,
  type CheckpointRecord,
  type SignedCheckpoint,
} from './checkpoint.js';
export { FolderCheckpointStore, checkpointFileName, type CheckpointStore } from './checkpointStore.js';
export { AuditInputError, CheckpointExistsError, SigningKeyError } from './errors.js';
export { describeVerification, type AuditRow, type IntegrityFailure, type IntegrityFailureClass, type TenantVerification } from './findings.js';
export { generateSigningKey, keyIdOf, parsePublicKey, parseSigningKey, publicKeyPem, trustKeys, type SigningKey, type TrustedKeys } from './keys.js';
export {
  MerkleTreeBuilder,
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
  type Digest,
} from './merkle.js';
export { sealTenant, sealTenants, type SealOptions, type SealOutcome } from './sealer.js';
export { verifyDatabase, verifyRows, verifyTenant, type VerifyOptions, type VerifyResult } from './verifier.js';
