package dev.keyward.member.control;

/**
 * One entry of Keycloak's event feeds that may change what Keyward knows about people: the person it is
 * about ({@code subject}, null when it may concern many, like a group's roles), and what happened.
 */
public record DirectoryEvent(String id, long time, String subject, String what) {

    public boolean concernsMany() {
        return subject == null;
    }
}
