package dev.keyward.domain.tenant;

/** Whom a credential belongs to: the person who holds it, or the tenant (EUID's participant keys). */
public enum CredentialOwnership { MEMBER, TENANT }
