-- When each credential was last used, in a narrow table of its own. The server writes it in batches, once a minute for
-- each credential in use: a row of two columns rewrites a small page, where the credential's own wide row rewrote a large
-- one, and with a million credentials on H2 those rewrites (and the collections after them) were most of the server's
-- work. Only credentials that were used have a row; credentials are never deleted, the cascade is for completeness.
create table credential_use (
    client_id    varchar(64)              not null primary key,
    last_used_at timestamp with time zone not null,
    constraint fk_credential_use_credential foreign key (client_id) references client_credential (client_id) on delete cascade
);
insert into credential_use (client_id, last_used_at)
    select client_id, last_used_at from client_credential where last_used_at is not null;
alter table client_credential drop column last_used_at;
