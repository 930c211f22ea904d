package dev.keyward.domain.customer;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.TenantEnvironment;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/** A customer of one tenant's environment. The e-mail is unique there and is how the customer signs in. */
@Entity
@Table(name = "customer")
@NamedQuery(name = Customer.BY_EMAIL, query = "select c from Customer c where c.scope.tenantId = :tenant"
        + " and c.scope.environment = :environment and c.email = :email")
public class Customer {

    /** The customer of a tenant's environment with an e-mail, normalised: parameters tenant, environment, email. */
    public static final String BY_EMAIL = "Customer.byEmail";

    @Id
    @Column(length = 36)
    private String id;

    @Embedded
    private TenantEnvironment scope;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 320)
    private String email;

    /** A PBKDF2 hash in its self-describing form; never the password. */
    @Column(name = "password_hash", length = 200)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Customer() {
    }

    public Customer(TenantEnvironment scope, String name, String email, String passwordHash, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.scope = scope;
        this.createdAt = now;
        this.passwordHash = passwordHash;
        update(name, email);
    }

    public void update(String newName, String newEmail) {
        if (newName == null || newName.isBlank() || newName.length() > 200) {
            throw DomainException.invalid("invalid-customer", "A customer's name is 1 to 200 characters.");
        }
        this.name = newName.strip();
        this.email = normalise(newEmail);
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    /**
     * Names the password a customer token was given under: a short digest of the salted hash, which changes with every
     * change of password. A token carries it, so that changing the password ends every token given before.
     */
    public String passwordStamp() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException everyJdkHasIt) {
            throw new IllegalStateException(everyJdkHasIt);
        }
    }

    public static String normalise(String email) {
        if (email == null || email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw DomainException.invalid("invalid-customer", "A customer needs a valid e-mail address.");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public String id() { return id; }
    public TenantEnvironment scope() { return scope; }
    public String name() { return name; }
    public String email() { return email; }
    public String passwordHash() { return passwordHash; }
    public Instant createdAt() { return createdAt; }
}
