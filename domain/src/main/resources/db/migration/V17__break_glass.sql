-- Break-glass: an operator may revoke any credential in an emergency, and a tenant's super admins may too where the
-- tenant allows it (this column, off unless asked for when the tenant is made).
alter table tenant add column break_glass_super_admins boolean default false not null;
