/** Projections: pure projectors, the batch runner with checkpoints and leases, rebuilds. */
export type { ProjectedEvent, Projection, RowChange, RowPatch, RowUpsert } from './projection.js';
export { coalesce, type NetChange, type NetChanges } from './coalesce.js';
export { writeNetChanges } from './bulkWrite.js';
export { applyBatch, type ProjectionTarget } from './applyBatch.js';
export { acquireLease, advanceCheckpoint, CheckpointConflictError, checkpointsOf, releaseLease, type CheckpointKey } from './checkpoints.js';
export { catchUpTenant, type CatchUpOptions, type TenantCatchUp } from './catchUp.js';
export { createProjectionTables, rebuildProjection, type RebuildResult } from './rebuild.js';
export { activateVersion, ensureVersion, versionStatus, type VersionStatus } from './versions.js';
export { ProjectionRunner, type RunnerOptions, type SubscriptionStatus } from './runner.js';
export { organizationsProjection, projectOrganizationEvent } from './organizations/organizationsProjection.js';
export { credentialsProjection, projectCredentialEvent } from './organizations/credentialsProjection.js';
export { fundsProjection, projectFundEvent } from './funds/fundsProjection.js';
export { marketProjection, projectMarketEvent } from './funds/marketProjection.js';
export { allProjections } from './all.js';
export { dropScratch, replayReadModels, scratchSchemaName, type ReplayOptions, type ReplayReport, type RowDifference } from './replay.js';
