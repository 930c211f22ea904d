package dev.keyward.domain.audit;

/**
 * Who did something, from where: a Keycloak subject and username, or Keyward itself ({@link #SYSTEM}).
 */
public record Actor(String subject, String username, String sourceIp) {

    public static final Actor SYSTEM = new Actor("keyward", "keyward", null);

    public Actor withIp(String ip) {
        return new Actor(subject, username, ip);
    }
}
