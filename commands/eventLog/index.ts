/** The PostgreSQL event log adapter: append (group commit), feeds, notifications, redaction. */
export { callAppend, outcomeToResult, type Queryable } from './appendCall.js';
export { PgGlobalFeed, PgTenantFeed, assertDense } from './feeds.js';
export { GroupCommitAppender, type GroupCommitOptions } from './groupCommit.js';
export { APPEND_CHANNEL, PgAppendNotifications } from './notifications.js';
export { PgEventLog, type PgEventLogOptions } from './pgEventLog.js';
export { recordRedaction, redactPayload, type RedactionRequest } from './redaction.js';
export { decodeStoredRow, eventRowColumns, toStoredRow } from './rows.js';
export { isRetryableSqlError, mapLogSqlError, sqlState } from './sqlErrors.js';
export { withTenant } from './tenantScope.js';
export { encodeAppend, normalizeStreamId, parseOutcomes, type AppendOutcome, type WireEvent, type WireRequest } from './wire.js';
