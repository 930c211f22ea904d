package dev.keyward.domain.member;

/** Removed members keep their row, so the audit trail and tenant-owned credentials still name them. */
public enum MemberStatus { ACTIVE, REMOVED }
