package dev.keyward.member.control;

/** What Keycloak knows about a person that Keyward's rules need. */
public record DirectoryUser(String subject, String username, String email, boolean enabled, boolean federated,
                            boolean mfaConfigured) {
}
