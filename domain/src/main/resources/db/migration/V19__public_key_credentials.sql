-- Credentials without a shared secret (RFC 7523's private_key_jwt): the client proves itself with a JWT signed by its
-- private key, and Keyward keeps the public keys (a JWK set, one key or two during a roll-over) instead of a secret's hash.
alter table client_credential add column public_keys varchar(8000);
alter table client_credential alter column secret_hash drop not null;
alter table client_credential alter column secret_hint drop not null;

-- Client assertions already used, until they expire: each is good once, on every server (its ID: SHA-256 of the client
-- ID and the assertion's jti, hex).
create table client_assertion_use (
    id varchar(64) primary key,
    expires_at timestamp with time zone not null
);
create index ix_client_assertion_use_expiry on client_assertion_use (expires_at);
