-- Each tenant's audit events, and the platform's, form a hash chain (AuditChain): an event's place in its chain, its
-- predecessor's hash and its own. Events written before this version have none; the server links them in at its next
-- start, oldest first (AuditChainSeal). A chain's head is one locked row, so writers to one chain take turns.
alter table audit_event add column chain_id varchar(36);
update audit_event set chain_id = coalesce(tenant_id, 'platform');
alter table audit_event alter column chain_id set not null;
alter table audit_event add column chain_seq bigint;
alter table audit_event add column previous_hash varchar(64);
alter table audit_event add column hash varchar(64);
-- the place is unique within a chain: a fork that slipped past the lock could not be stored
create unique index uk_audit_chain_place on audit_event (chain_id, chain_seq);

create table audit_chain (
    chain_id  varchar(36) not null primary key,
    last_seq  bigint      not null,
    last_hash varchar(64) not null
);
insert into audit_chain (chain_id, last_seq, last_hash)
    select id, 0, '0000000000000000000000000000000000000000000000000000000000000000' from tenant;
insert into audit_chain (chain_id, last_seq, last_hash)
    values ('platform', 0, '0000000000000000000000000000000000000000000000000000000000000000');
