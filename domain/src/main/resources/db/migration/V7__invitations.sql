-- Invitations to join a tenant's team. open_email holds the address while the invitation is pending, so
-- that the unique key allows one pending invitation per tenant and address, and any number of closed ones.
create table invitation (
    id          varchar(36)  not null primary key,
    tenant_id   varchar(36)  not null,
    email       varchar(320) not null,
    open_email  varchar(320),
    role        varchar(16)  not null,
    subject     varchar(64)  not null,
    status      varchar(16)  not null,
    invited_by  varchar(255) not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    sent_at     timestamp with time zone,
    send_count  integer      not null,
    closed_at   timestamp with time zone,
    version     bigint       not null,
    constraint fk_invitation_tenant foreign key (tenant_id) references tenant (id),
    constraint uk_invitation_open unique (tenant_id, open_email)
);
create index ix_invitation_subject on invitation (subject, status);
