-- DPoP (RFC 9449): a tenant may require every access token to be bound to its client's key, and every proof to carry a
-- nonce from the server. The proofs' jti are remembered, as client assertions' are, in client_assertion_use.
alter table tenant add column dpop_required boolean default false not null;
alter table tenant add column dpop_nonce boolean default false not null;
