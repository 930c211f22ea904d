-- The outbox of notices (Notice): mail written in the transaction of the change it tells of, delivered afterwards by
-- the server holding the 'notices' lease, tried again with growing waits for a day.
create table notice (
    id              varchar(36)              not null primary key,
    tenant_id       varchar(36),
    recipient       varchar(320)             not null,
    subject         varchar(200)             not null,
    body            varchar(4000)            not null,
    created_at      timestamp with time zone not null,
    attempts        integer                  not null,
    next_attempt_at timestamp with time zone not null,
    delivered_at    timestamp with time zone,
    given_up_at     timestamp with time zone,
    last_error      varchar(500)
);
create index ix_notice_due on notice (next_attempt_at);

-- What a credential's owner was told once only (that it expires within 7 days, say), so that no server tells it twice.
create table credential_notice (
    id            varchar(80)              not null primary key,
    credential_id varchar(36)              not null,
    kind          varchar(32)              not null,
    sent_at       timestamp with time zone not null
);

insert into work_lease (name, holder, expires_at) values ('notices', null, timestamp with time zone '1970-01-01 00:00:00+00');
