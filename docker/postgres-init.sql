-- Keycloak's database, beside Keyward's, owned by the same user (docker/compose.yaml).
create database keycloak owner keyward;
