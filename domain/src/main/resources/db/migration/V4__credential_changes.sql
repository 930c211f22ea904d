-- When each credential last changed, so that every server can evict its cached copy within seconds.
alter table client_credential add column changed_at timestamp with time zone;
update client_credential set changed_at = coalesce(revoked_at, rotated_at, created_at);
alter table client_credential alter column changed_at set not null;
create index ix_credential_changed on client_credential (changed_at);
