-- A leak report finds a credential by the keyed hash of the secret it carries: the current secret's hash has its index
-- (V10), the previous secret's (still valid during a rotation's grace) gets one here.
create index ix_credential_previous_secret_hash on client_credential (previous_secret_hash);
