-- Keyward's first schema: tenants and their policies, team members, client credentials, the audit trail.
-- Portable SQL: runs on H2 (the embedded default) and PostgreSQL.

create table credential_policy (
    id                       varchar(36)  not null primary key,
    preset                   varchar(32)  not null,
    holder_roles             varchar(64)  not null,
    overseer_roles           varchar(64)  not null,
    member_manager_roles     varchar(64)  not null,
    ownership                varchar(16)  not null,
    one_active_per_member    boolean      not null,
    credential_lifetime_days integer,
    token_lifetime_seconds   integer      not null,
    owner_only_changes       boolean      not null,
    revoke_on_member_removal boolean      not null,
    permissions_chosen       boolean      not null,
    environment_required     boolean      not null,
    deny_federated_logins    boolean      not null,
    deny_when_owner_has_mfa  boolean      not null
);

create table tenant (
    id           varchar(36)  not null primary key,
    slug         varchar(63)  not null,
    name         varchar(200) not null,
    environments varchar(400) not null,
    policy_id    varchar(36)  not null,
    created_at   timestamp with time zone not null,
    constraint uk_tenant_slug unique (slug),
    constraint uk_tenant_policy unique (policy_id),
    constraint fk_tenant_policy foreign key (policy_id) references credential_policy (id)
);

create table team_member (
    id          varchar(36)  not null primary key,
    tenant_id   varchar(36)  not null,
    subject     varchar(64)  not null,
    username    varchar(255) not null,
    email       varchar(320),
    role        varchar(16)  not null,
    status      varchar(16)  not null,
    mfa_enabled boolean      not null default false,
    added_at    timestamp with time zone not null,
    removed_at  timestamp with time zone,
    version     bigint       not null,
    constraint uk_member_tenant_subject unique (tenant_id, subject),
    constraint fk_member_tenant foreign key (tenant_id) references tenant (id)
);
create index ix_member_subject on team_member (subject);

create table client_credential (
    id                   varchar(36)  not null primary key,
    tenant_id            varchar(36)  not null,
    client_id            varchar(64)  not null,
    name                 varchar(100) not null,
    environment          varchar(32)  not null,
    permissions          varchar(400) not null,
    owner_id             varchar(36),
    created_by           varchar(36)  not null,
    status               varchar(16)  not null,
    active_slot          varchar(36),
    secret_hash          varchar(64)  not null,
    secret_hint          varchar(32)  not null,
    previous_secret_hash varchar(64),
    previous_valid_until timestamp with time zone,
    created_at           timestamp with time zone not null,
    expires_at           timestamp with time zone,
    rotated_at           timestamp with time zone,
    last_used_at         timestamp with time zone,
    revoked_at           timestamp with time zone,
    revoked_by           varchar(36),
    revocation_reason    varchar(64),
    version              bigint       not null,
    constraint uk_credential_client_id unique (client_id),
    -- One active credential per person where the policy says so: NULL slots never collide.
    constraint uk_credential_active_slot unique (tenant_id, active_slot),
    constraint fk_credential_tenant foreign key (tenant_id) references tenant (id),
    constraint fk_credential_owner foreign key (owner_id) references team_member (id)
);
create index ix_credential_tenant_owner on client_credential (tenant_id, owner_id);

create table audit_event (
    id             varchar(36)  not null primary key,
    sequence       bigint       not null,
    tenant_id      varchar(36),
    occurred_at    timestamp with time zone not null,
    action         varchar(32)  not null,
    actor_subject  varchar(64)  not null,
    actor_username varchar(255) not null,
    source_ip      varchar(64),
    target_type    varchar(32),
    target_id      varchar(64),
    detail         varchar(500)
);
create index ix_audit_tenant_time on audit_event (tenant_id, occurred_at);
