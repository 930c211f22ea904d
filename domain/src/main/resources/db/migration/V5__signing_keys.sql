-- The keys that sign Keyward's tokens. A key is published (in the JWKS) from creation, signs from
-- activates_at until a successor activates (superseded_at), and leaves the JWKS at retires_at, once every
-- token it signed has expired. The private half is sealed (AES-256-GCM) under a key kept outside the database.
create table signing_key (
    kid            varchar(32)  not null primary key,
    algorithm      varchar(16)  not null,
    public_key     varchar(512) not null,
    sealed_private varchar(1024) not null,
    created_at     timestamp with time zone not null,
    activates_at   timestamp with time zone not null,
    superseded_at  timestamp with time zone,
    retires_at     timestamp with time zone
);
create index ix_signing_key_activates on signing_key (activates_at);
