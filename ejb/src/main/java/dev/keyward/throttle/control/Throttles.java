package dev.keyward.throttle.control;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.TooManyAttemptsException;
import dev.keyward.platform.Bulkhead;
import dev.keyward.platform.control.Tallies;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The budgets of whoever fails or asks too often, per minute:
 * <ul>
 *   <li>failed client authentications per client ID ({@code keyward.throttle.client-failures}, 10) and per source address
 *       ({@code keyward.throttle.address-failures}, 100). Past either budget, failures are answered 429 instead of 401;
 *       the secret is still checked, so the rightful holder keeps getting tokens while someone else hammers its ID, or
 *       shares its address (a proxy's, say). Unknown client IDs are counted the same way, so the answers do not tell
 *       which IDs exist.</li>
 *   <li>customer sign-ins, where a password is guessable and its check costly, so they are refused before the check:
 *       failures per e-mail and address ({@code keyward.throttle.sign-in-failures}, 5; a stranger elsewhere does not lock
 *       the customer out), per e-mail from anywhere ({@code keyward.throttle.sign-in-failures-per-email}, 50) and per
 *       address ({@code keyward.throttle.sign-in-address-failures}, 30); and at most {@code keyward.throttle.password-hashes}
 *       (1) password hashes at a time on this server, so that sign-ins cannot take the whole CPU.</li>
 * </ul>
 * Addresses in {@code keyward.throttle.unthrottled-addresses} are not counted per address (a health checker, say).
 */
@ApplicationScoped
public class Throttles {

    private static final String TALLY = "failures:";

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 100_000;
    private static final Duration HASH_WAIT = Duration.ofSeconds(2);

    @Inject
    @ConfigProperty(name = "keyward.throttle.client-failures", defaultValue = "10")
    long clientFailures;

    @Inject
    @ConfigProperty(name = "keyward.throttle.address-failures", defaultValue = "100")
    long addressFailures;

    @Inject
    @ConfigProperty(name = "keyward.throttle.sign-in-failures", defaultValue = "5")
    long signInFailures;

    @Inject
    @ConfigProperty(name = "keyward.throttle.sign-in-failures-per-email", defaultValue = "50")
    long signInFailuresPerEmail;

    @Inject
    @ConfigProperty(name = "keyward.throttle.sign-in-address-failures", defaultValue = "30")
    long signInAddressFailures;

    @Inject
    @ConfigProperty(name = "keyward.throttle.leak-reports", defaultValue = "10")
    long leakReports;

    @Inject
    @ConfigProperty(name = "keyward.throttle.password-hashes", defaultValue = "1")
    int passwordHashes;

    @Inject
    @ConfigProperty(name = "keyward.throttle.unthrottled-addresses", defaultValue = " ")
    String unthrottled;

    @Inject
    Tallies tallies;

    private Budget byClientId;
    private Budget byAddress;
    private Budget signInsByEmailAndAddress;
    private Budget signInsByEmail;
    private Budget signInsByAddress;
    private Budget leakReportsByAddress;
    /** The budgets by the name they are told to the other cluster members under. */
    private Map<String, Budget> budgets;
    private Bulkhead hashing;
    private Set<String> exempt;
    private final Map<String, Tally> failures = new ConcurrentHashMap<>();
    private final LongAdder failuresOfUnknownIds = new LongAdder();

    @PostConstruct
    void start() {
        byClientId = new Budget(atLeastOne(clientFailures), MINUTE, MAX_KEYS);
        byAddress = new Budget(atLeastOne(addressFailures), MINUTE, MAX_KEYS);
        signInsByEmailAndAddress = new Budget(atLeastOne(signInFailures), MINUTE, MAX_KEYS);
        signInsByEmail = new Budget(atLeastOne(signInFailuresPerEmail), MINUTE, MAX_KEYS);
        signInsByAddress = new Budget(atLeastOne(signInAddressFailures), MINUTE, MAX_KEYS);
        leakReportsByAddress = new Budget(atLeastOne(leakReports), MINUTE, MAX_KEYS);
        budgets = Map.of("client-failures", byClientId, "address-failures", byAddress, "sign-in-failures", signInsByEmailAndAddress,
                "sign-in-failures-per-email", signInsByEmail, "sign-in-address-failures", signInsByAddress,
                "leak-reports", leakReportsByAddress);
        hashing = new Bulkhead(passwordHashes, HASH_WAIT);
        exempt = Arrays.stream(unthrottled.split(",")).map(String::trim).filter(a -> !a.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** A budget of nothing would refuse everyone: the least is one. */
    private static long atLeastOne(long budget) {
        return Math.max(1, budget);
    }

    /**
     * Counts a failed client authentication, and says what to answer it: 429 when the client ID (whether or not it
     * exists) or the address has now failed too often, else {@code otherwise}.
     */
    public RuntimeException clientFailed(String clientId, String address, boolean known, RuntimeException otherwise) {
        long addressWait = counted(address) && !spend("address-failures", address) ? byAddress.secondsUntilAvailable(address) : 0;
        String key = clientId == null ? "" : clientId;
        if (known) {
            failures.computeIfAbsent(key, k -> new Tally()).add(address);
        } else {
            failuresOfUnknownIds.increment();
        }
        long idWait = spend("client-failures", key) ? 0 : byClientId.secondsUntilAvailable(key);
        long wait = Math.max(addressWait, idWait);
        return wait > 0 ? tooMany(wait) : otherwise;
    }

    /**
     * Counts a bearer API key that opened nothing (EUID): an unknown key is a guess, counted against the address's budget
     * alone, since a guessed key names no ID to protect; a known key that was refused (disabled, revoked, lacking the
     * role) proved its secret and is only reported against its key, never throttled. Says what to answer: 429 once the
     * address has failed too often, else {@code otherwise}.
     */
    public RuntimeException bearerFailed(String keyId, String address, RuntimeException otherwise) {
        if (keyId != null) {
            failures.computeIfAbsent(keyId, k -> new Tally()).add(address);
            return otherwise;
        }
        failuresOfUnknownIds.increment();
        long wait = counted(address) && !spend("address-failures", address) ? byAddress.secondsUntilAvailable(address) : 0;
        return wait > 0 ? tooMany(wait) : otherwise;
    }

    /**
     * Refuses a sign-in before its password is checked when the e-mail has failed too often from this address, or from
     * anywhere, or the address has failed too often with any e-mail.
     */
    public void checkSignIn(String emailKey, String address) {
        String email = digest(emailKey);
        long wait = Math.max(signInsByEmailAndAddress.secondsUntilAvailable(email + " " + address),
                signInsByEmail.secondsUntilAvailable(email));
        if (counted(address)) {
            wait = Math.max(wait, signInsByAddress.secondsUntilAvailable(address));
        }
        if (wait > 0) {
            throw signInsRefused(wait);
        }
    }

    public void signInFailed(String emailKey, String address) {
        String email = digest(emailKey);
        spend("sign-in-failures", email + " " + address);
        spend("sign-in-failures-per-email", email);
        if (counted(address)) {
            spend("sign-in-address-failures", address);
        }
    }

    /**
     * An e-mail key as the sign-in budgets keep it, and as the other cluster members hear of it: a digest, so that no
     * customer's address is kept in these maps or sent between servers.
     */
    static String digest(String emailKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(emailKey.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts a leak report request (each may carry up to a thousand secrets) against its address's budget a minute, and
     * refuses it with a 429 once the budget is spent: whoever reports may do so often, not without end.
     */
    public void leakReport(String address) {
        if (counted(address) && !spend("leak-reports", address)) {
            long wait = leakReportsByAddress.secondsUntilAvailable(address);
            throw new TooManyAttemptsException("too-many-reports", "Too many leak reports from this address; try again in "
                    + wait + " s.", wait);
        }
    }

    /** Runs a password hash when one of the permitted few is free (waiting up to two seconds), else answers 503. */
    public <T> T hashing(Supplier<T> hash) {
        return hashing.run(hash, () -> new DomainException(DomainException.Kind.UNAVAILABLE, "sign-in-busy", "Busy",
                "Too many sign-ins are being checked at once; try again shortly."));
    }

    /** The failures counted since the last call, per known client ID, and of unknown ones; the counts start again. */
    public Report drainFailures() {
        Map<String, Tally> counted = new HashMap<>();
        for (String key : List.copyOf(failures.keySet())) {
            Tally tally = failures.remove(key); // what is counted from now on goes to a new tally, in the next report
            if (tally != null) {
                counted.put(key, tally);
            }
        }
        return new Report(Map.copyOf(counted), failuresOfUnknownIds.sumThenReset());
    }

    /**
     * Spends one of the named budget for {@code key} and, when there was one, has the other cluster members spend it too:
     * the budgets hold for the cluster (within {@link Tallies#EVERY}), not for each server.
     */
    private boolean spend(String budget, String key) {
        boolean spent = budgets.get(budget).spend(key);
        if (spent) {
            tallies.count(TALLY + budget, key, 1);
        }
        return spent;
    }

    /** What another member spent of the budgets. */
    void spentElsewhere(@Observes Tallies.Counted counted) {
        Budget budget = counted.counter().startsWith(TALLY) ? budgets.get(counted.counter().substring(TALLY.length())) : null;
        if (budget != null) {
            counted.byKey().forEach(budget::spentElsewhere);
        }
    }

    private boolean counted(String address) {
        return address != null && !exempt.contains(address);
    }

    private static TooManyAttemptsException tooMany(long seconds) {
        return new TooManyAttemptsException("too-many-failures",
                "Too many failed client authentications; try again in " + seconds + " s.", seconds);
    }

    private static TooManyAttemptsException signInsRefused(long seconds) {
        return new TooManyAttemptsException("too-many-sign-ins", "Too many sign-in attempts; try again in " + seconds + " s.", seconds);
    }

    /** What {@link #drainFailures} hands over. */
    public record Report(Map<String, Tally> byClientId, long ofUnknownIds) {
    }

    /** Failures of one client ID: how many, and from how many addresses (up to a hundred are told apart). */
    public static final class Tally {
        private final LongAdder count = new LongAdder();
        private final Set<String> addresses = ConcurrentHashMap.newKeySet();

        void add(String address) {
            count.increment();
            if (address != null && addresses.size() < 100) {
                addresses.add(address);
            }
        }

        public long count() {
            return count.sum();
        }

        public int addresses() {
            return addresses.size();
        }
    }
}
