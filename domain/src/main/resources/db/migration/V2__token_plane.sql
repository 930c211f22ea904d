-- The token plane: tokens revoked one by one (RFC 7009), and the tenant's switch for implicit tokens.

create table revoked_token (
    jti        varchar(36) not null primary key,
    tenant_id  varchar(36) not null,
    client_id  varchar(64) not null,
    revoked_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    constraint fk_revoked_token_tenant foreign key (tenant_id) references tenant (id)
);
create index ix_revoked_token_expiry on revoked_token (expires_at);

alter table credential_policy add column implicit_tokens_enabled boolean default false not null;
update credential_policy set implicit_tokens_enabled = true where preset = 'ELASTIC_PATH';
