-- Webhooks: a tenant's endpoints for credential events (WebhookEndpoint; the signing secret sealed under the master key,
-- like an EUID key's client secret), and the deliveries owed to them (WebhookDelivery), an outbox written in the
-- transaction of the change and sent by the server holding the 'webhooks' lease.
create table webhook_endpoint (
    id            varchar(36)              not null primary key,
    tenant_id     varchar(36)              not null,
    url           varchar(500)             not null,
    events        varchar(400)             not null,
    description   varchar(200),
    secret_key    varchar(40)              not null,
    secret_sealed varchar(200)             not null,
    secret_hint   varchar(32)              not null,
    created_at    timestamp with time zone not null,
    created_by    varchar(255)             not null,
    deleted_at    timestamp with time zone,
    constraint fk_webhook_tenant foreign key (tenant_id) references tenant (id)
);
create index ix_webhook_tenant on webhook_endpoint (tenant_id);
create index ix_webhook_secret_key on webhook_endpoint (secret_key);

create table webhook_delivery (
    id              varchar(36)              not null primary key,
    endpoint_id     varchar(36)              not null,
    tenant_id       varchar(36)              not null,
    event_id        varchar(36)              not null,
    event_type      varchar(40)              not null,
    payload         varchar(4000)            not null,
    created_at      timestamp with time zone not null,
    last_status     integer,
    attempts        integer                  not null,
    next_attempt_at timestamp with time zone not null,
    delivered_at    timestamp with time zone,
    given_up_at     timestamp with time zone,
    last_error      varchar(500),
    constraint fk_delivery_endpoint foreign key (endpoint_id) references webhook_endpoint (id)
);
create index ix_delivery_due on webhook_delivery (next_attempt_at);
create index ix_delivery_endpoint on webhook_delivery (endpoint_id, created_at);

insert into work_lease (name, holder, expires_at) values ('webhooks', null, timestamp with time zone '1970-01-01 00:00:00+00');
