package dev.keyward.store;

import java.time.Instant;

/**
 * A verified customer token: it opens one customer's data in one tenant's environment, until it expires or the
 * customer's password changes ({@code passwordStamp} names the password it was given under).
 */
public record CustomerToken(String token, String customerId, String tenant, String environment, Instant expires,
                            String passwordStamp) {
}
