package dev.keyward.customer.boundary;

import dev.keyward.customer.control.PasswordHasher;
import dev.keyward.domain.customer.Customer;
import dev.keyward.domain.shared.DomainException;
import dev.keyward.store.CustomerToken;
import dev.keyward.throttle.control.Throttles;
import dev.keyward.token.boundary.AccessToken;
import dev.keyward.token.control.TokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Customer tokens (Elastic Path's {@code X-Moltin-Customer-Token}): a customer signs in with e-mail and
 * password through a storefront (implicit) or back-office (client_credentials) token, and gets a token
 * that opens their own profile, addresses and orders for 24 hours. Signed by the server's key with a
 * type of its own, so it can never be used as an access token.
 */
@ApplicationScoped
public class CustomerTokens {

    static final Duration LIFETIME = Duration.ofHours(24);
    /** The claim naming the password the token was given under (see {@link Customer#passwordStamp()}). */
    private static final String PASSWORD_STAMP = "pwd";

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher passwords;

    @Inject
    TokenSigner signer;

    @Inject
    Throttles throttles;

    @Inject
    Clock clock;

    /**
     * A customer token for the right e-mail and password. Throttled ({@link Throttles}): an address that tries too often,
     * or an e-mail that failed too often, is refused before the password is hashed, and only a few hashes run at once.
     */
    public CustomerToken signIn(AccessToken access, String email, String password, String address) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String emailKey = access.tenantId() + "/" + access.environment() + "/" + normalised;
        throttles.checkSignIn(emailKey, address);
        Customer customer = em.createNamedQuery(Customer.BY_EMAIL, Customer.class)
                .setParameter("tenant", access.tenantId()).setParameter("environment", access.environment())
                .setParameter("email", normalised).getResultStream().findFirst().orElse(null);
        // The hash is checked even for an unknown e-mail, so the answer's timing does not reveal who is a customer.
        boolean matches = throttles.hashing(() -> passwords.matches(password == null ? "" : password,
                customer == null ? null : customer.passwordHash()));
        if (customer == null || !matches) {
            throttles.signInFailed(emailKey, address);
            throw new DomainException(DomainException.Kind.UNAUTHENTICATED, "invalid-customer-credentials",
                    "Invalid customer credentials", "The e-mail or password is not right.");
        }
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        JsonObject claims = signer.json().createObjectBuilder()
                .add("sub", customer.id())
                .add("tenant", access.tenant())
                .add("environment", access.environment())
                .add("iat", now.getEpochSecond())
                .add("exp", expires.getEpochSecond())
                .add(PASSWORD_STAMP, customer.passwordStamp())
                .build();
        String token = signer.sign(claims, TokenSigner.CUSTOMER_TOKEN);
        return new CustomerToken(token, customer.id(), access.tenant(), access.environment(), expires, customer.passwordStamp());
    }

    /** The customer token, when it is ours and unexpired. */
    public Optional<CustomerToken> verify(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<CustomerToken> claimed = signer.verify(token, TokenSigner.CUSTOMER_TOKEN).flatMap(c -> {
            try {
                Instant exp = Instant.ofEpochSecond(c.getJsonNumber("exp").longValue());
                return now.isBefore(exp)
                        ? Optional.of(new CustomerToken(token, c.getString("sub"), c.getString("tenant"), c.getString("environment"), exp,
                                c.getString(PASSWORD_STAMP)))
                        : Optional.empty();
            } catch (RuntimeException missingClaim) {
                return Optional.empty();
            }
        });
        // A token given before the password changed (or the customer went) is over. Read outside the claims' check: a
        // database that is away is a 503, not a signed-out customer.
        return claimed.filter(t -> {
            Customer customer = em.find(Customer.class, t.customerId());
            return customer != null && customer.passwordStamp().equals(t.passwordStamp());
        });
    }
}
