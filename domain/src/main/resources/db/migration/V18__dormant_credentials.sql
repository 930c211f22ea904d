-- Per tenant, the days before a credential's expiry when its owner is told (null: the server's keyward.notices.expiry-days).
alter table tenant add column expiry_notice_days varchar(40);

-- Dormant credentials: a tenant may disable credentials unused for N days (dormant_after_days, off when null), with a
-- notice a week before; a credential so disabled says so (dormant), and only its owner may enable it again.
alter table tenant add column dormant_after_days integer;
alter table client_credential add column dormant boolean default false not null;
-- when the owner last woke it: dormancy counts again from there
alter table client_credential add column woken_at timestamp with time zone;
