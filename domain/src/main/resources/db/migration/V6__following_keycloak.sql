-- What Keycloak last said about each member, so that credentials follow it, and the realm role a tenant
-- may require of its members, and whether removing a member also disables their Keycloak account.
alter table team_member add column keycloak_enabled boolean default true not null;
alter table team_member add column access_granted boolean default true not null;
alter table tenant add column access_role varchar(255);
alter table tenant add column disable_user_on_removal boolean default false not null;
