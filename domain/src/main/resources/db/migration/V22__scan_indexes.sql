-- The hourly scans (credentials about to expire, credentials past their expiry, rotations whose grace ends) find their
-- credentials through these times instead of reading the whole credential table: with a million credentials each scan
-- read every row, for most of a minute, on every server start and every hour.
create index ix_credential_expires_at on client_credential (expires_at);
create index ix_credential_previous_valid_until on client_credential (previous_valid_until);
-- "already told": looked up for each credential a scan finds
create index ix_credential_notice_credential on credential_notice (credential_id, kind);
