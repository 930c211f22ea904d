-- Tokens issued before this instant are refused, whatever the credential's status: set when it is disabled, so that
-- enabling it again does not bring back the tokens issued before the suspicion.
alter table client_credential add column tokens_not_before timestamp with time zone;
