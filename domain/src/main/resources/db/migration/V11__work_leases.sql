-- Work that runs once per cluster runs on the server holding its lease (Leases): one row per kind of work.
create table work_lease (
    name       varchar(64)              not null primary key,
    holder     varchar(200),
    expires_at timestamp with time zone not null
);
insert into work_lease (name, holder, expires_at) values ('directory', null, timestamp with time zone '1970-01-01 00:00:00+00');
insert into work_lease (name, holder, expires_at) values ('signing-keys', null, timestamp with time zone '1970-01-01 00:00:00+00');
insert into work_lease (name, holder, expires_at) values ('secret-rewrap', null, timestamp with time zone '1970-01-01 00:00:00+00');

-- Every server reads the tokens revoked since its last look (a revocation made through another server, a message lost).
create index ix_revoked_token_revoked_at on revoked_token (revoked_at);
