-- What Keycloak last said about each member, so that credentials follow it, and the realm role a tenant
-- may require of its members, whether removing a member also disables their Keycloak account,
-- and how fresh an admin's MFA login must be to create or rotate a credential.
alter table team_member add column keycloak_enabled boolean default true not null;
alter table team_member add column access_granted boolean default true not null;
alter table tenant add column access_role varchar(255);
alter table tenant add column disable_user_on_removal boolean default false not null;
alter table tenant add column fresh_mfa_minutes integer;
