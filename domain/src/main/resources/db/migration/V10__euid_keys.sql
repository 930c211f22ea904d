-- EUID keys (seed 002): a euid tenant's credentials become the operator's API keys with client secrets, instead of
-- OAuth clients. A key's API key is stored as its keyed hash, in secret_hash, and found by it: hence the index. Its
-- client secret must be recoverable (it is the envelopes' AES key), so it is stored sealed under a master key, whose
-- ID is kept beside it so that a master-key rotation can find what it still has to re-wrap.
alter table credential_policy add column credential_kind varchar(16) default 'OAUTH_CLIENT' not null;
update credential_policy set credential_kind = 'EUID_KEY' where preset = 'EUID';

alter table client_credential add column kind varchar(16) default 'OAUTH_CLIENT' not null;
alter table client_credential add column client_secret_sealed varchar(200);
alter table client_credential add column client_secret_key varchar(40);
alter table client_credential add column previous_client_secret_sealed varchar(200);
alter table client_credential add column previous_client_secret_key varchar(40);
create index ix_credential_secret_hash on client_credential (secret_hash);
create index ix_credential_secret_key on client_credential (client_secret_key);
create index ix_credential_previous_secret_key on client_credential (previous_client_secret_key);

-- Each participant has a site ID, in its keys' IDs and its tokens: existing participants are numbered by age.
alter table tenant add column euid_site_id integer;
alter table tenant add constraint uk_tenant_euid_site unique (euid_site_id);
update tenant set euid_site_id = (
    select count(*) from tenant t2 join credential_policy p2 on t2.policy_id = p2.id
    where p2.preset = 'EUID' and (t2.created_at < tenant.created_at or (t2.created_at = tenant.created_at and t2.id <= tenant.id)))
where policy_id in (select id from credential_policy where preset = 'EUID');

-- What euid tenants held before were OAuth clients with store permissions: they cannot become EUID keys (their secrets
-- were never stored, and an EUID key's must be), and EUID has no access tokens. So they are revoked, each with an audit
-- event, and the participant's admins create EUID keys in their place.
insert into audit_event (id, sequence, tenant_id, occurred_at, action, actor_subject, actor_username, target_type, target_id, detail)
select concat('e0000000', substring(c.id, 9)), row_number() over (order by c.id), c.tenant_id, current_timestamp, 'CREDENTIAL_REVOKED', 'keyward', 'keyward',
       'credential', c.id, concat(c.name, ' (replaced-by-euid-keys: EUID participants hold EUID keys, not OAuth clients)')
from client_credential c
where c.status <> 'REVOKED'
  and c.tenant_id in (select t.id from tenant t join credential_policy p on t.policy_id = p.id where p.preset = 'EUID');

update client_credential
set status = 'REVOKED', active_slot = null, previous_secret_hash = null, previous_valid_until = null,
    revoked_at = current_timestamp, changed_at = current_timestamp, revocation_reason = 'replaced-by-euid-keys',
    version = version + 1
where status <> 'REVOKED'
  and tenant_id in (select t.id from tenant t join credential_policy p on t.policy_id = p.id where p.preset = 'EUID');
