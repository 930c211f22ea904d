-- Security Event Token receivers (RFC 8417, pushed as RFC 8935 says): a webhook endpoint's format, 'JSON' (Keyward's own
-- signed event object, as before) or 'SET' (a JWT signed with Keyward's token-signing key).
alter table webhook_endpoint add column format varchar(8) default 'JSON' not null;
-- A SET receiver may poll for its events (RFC 8936) instead of giving a URL to push them to.
alter table webhook_endpoint alter column url drop not null;
