-- The blob each FileUploaded event names, for the orphan blob sweep (commands/blobs,
-- docs/operations.md "Blob sweep"): "does any event refer to these keys?" is an index
-- lookup, not a scan of the log. Redacted payloads (NULL) are not in it.
CREATE INDEX events_file_uploaded_blob ON events (((payload::jsonb) ->> 'blobKey'))
  WHERE event_type = 'FileUploaded' AND payload IS NOT NULL;
