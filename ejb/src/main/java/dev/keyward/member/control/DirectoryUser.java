package dev.keyward.member.control;

import java.util.Set;

/**
 * What Keycloak knows about a person that Keyward's rules need. Whether a login is federated is a fact of the
 * login, not of the person, and comes with the caller's token. {@code realmRoles} are the effective ones:
 * held directly, through a composite role or through a group.
 */
public record DirectoryUser(String subject, String username, String email, boolean enabled, boolean mfaConfigured,
                            Set<String> realmRoles) {
}
