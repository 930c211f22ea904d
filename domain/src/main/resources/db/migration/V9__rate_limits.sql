-- Requests per second and per day: a tenant's limit for all its credentials, and a credential's own instead of it.
alter table tenant add column rate_per_second integer;
alter table tenant add column rate_per_day bigint;
alter table client_credential add column rate_per_second integer;
alter table client_credential add column rate_per_day bigint;
