/** Public surface of the ports (interfaces the adapters implement). */
export {
  NO_STREAM_VERSION,
  type AppendNotice,
  type AppendNotifications,
  type AppendOptions,
  type AppendResult,
  type EventLog,
  type EventPosition,
  type ExpectedVersion,
  type GlobalFeed,
  type GlobalFeedPage,
  type ReadStreamOptions,
  type ReadStreamResult,
  type TenantFeed,
  type TenantHead,
} from './eventLog.js';
