package dev.keyward.throttle.control;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.TooManyAttemptsException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The budgets of whoever fails or asks too often, per minute:
 * <ul>
 *   <li>failed client authentications per client ID ({@code keyward.throttle.client-failures}, 10) and per source address
 *       ({@code keyward.throttle.address-failures}, 100). An address over budget is refused before anything is checked. A
 *       client ID over budget still has its secret checked, so its rightful holder keeps getting tokens while someone else
 *       hammers its ID; only the failures are answered 429 instead of 401. Unknown client IDs are counted the same way,
 *       so the answers do not tell which IDs exist.</li>
 *   <li>customer sign-ins: failures per e-mail ({@code keyward.throttle.sign-in-failures}, 5) and attempts per address
 *       ({@code keyward.throttle.sign-in-attempts}, 30); and at most {@code keyward.throttle.password-hashes} (1) password
 *       hashes at a time on this server, so that sign-ins cannot take the whole CPU.</li>
 * </ul>
 * Addresses in {@code keyward.throttle.unthrottled-addresses} are not counted per address (a health checker, say).
 */
@ApplicationScoped
public class Throttles {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int MAX_KEYS = 100_000;
    private static final long HASH_WAIT_MILLIS = 2_000;

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
    @ConfigProperty(name = "keyward.throttle.sign-in-attempts", defaultValue = "30")
    long signInAttempts;

    @Inject
    @ConfigProperty(name = "keyward.throttle.password-hashes", defaultValue = "1")
    int passwordHashes;

    @Inject
    @ConfigProperty(name = "keyward.throttle.unthrottled-addresses", defaultValue = " ")
    String unthrottled;

    private Budget byClientId;
    private Budget byAddress;
    private Budget signInsByEmail;
    private Budget signInsByAddress;
    private Semaphore hashing;
    private Set<String> exempt;
    private final Map<String, Tally> failures = new ConcurrentHashMap<>();
    private final LongAdder failuresOfUnknownIds = new LongAdder();

    @PostConstruct
    void start() {
        byClientId = new Budget(clientFailures, MINUTE, MAX_KEYS);
        byAddress = new Budget(addressFailures, MINUTE, MAX_KEYS);
        signInsByEmail = new Budget(signInFailures, MINUTE, MAX_KEYS);
        signInsByAddress = new Budget(signInAttempts, MINUTE, MAX_KEYS);
        hashing = new Semaphore(Math.max(1, passwordHashes));
        exempt = Set.of(unthrottled.trim().split("\\s*,\\s*"));
    }

    /** Refuses an address that has failed client authentication too often lately, before its request is looked at. */
    public void checkClientAddress(String address) {
        long wait = counted(address) ? byAddress.secondsUntilAvailable(address) : 0;
        if (wait > 0) {
            throw tooMany(wait);
        }
    }

    /**
     * Counts a failed client authentication, and says what to answer it: 429 when the client ID has now failed too
     * often (whether or not it exists), else {@code otherwise}.
     */
    public RuntimeException clientFailed(String clientId, String address, boolean known, RuntimeException otherwise) {
        if (counted(address)) {
            byAddress.spend(address);
        }
        String key = clientId == null ? "" : clientId;
        if (known) {
            failures.computeIfAbsent(key, k -> new Tally()).add(address);
        } else {
            failuresOfUnknownIds.increment();
        }
        long wait = byClientId.spend(key) ? 0 : byClientId.secondsUntilAvailable(key);
        return wait > 0 ? tooMany(wait) : otherwise;
    }

    /** Refuses a sign-in from an address that tries too often, or for an e-mail that has failed too often lately. */
    public void checkSignIn(String emailKey, String address) {
        if (counted(address) && !signInsByAddress.spend(address)) {
            throw signInsRefused(signInsByAddress.secondsUntilAvailable(address));
        }
        long wait = signInsByEmail.secondsUntilAvailable(emailKey);
        if (wait > 0) {
            throw signInsRefused(wait);
        }
    }

    public void signInFailed(String emailKey) {
        signInsByEmail.spend(emailKey);
    }

    /** Runs a password hash when one of the permitted few is free (waiting up to two seconds), else answers 503. */
    public <T> T hashing(Supplier<T> hash) {
        boolean admitted;
        try {
            admitted = hashing.tryAcquire(HASH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new DomainException(DomainException.Kind.UNAVAILABLE, "sign-in-busy", "Busy",
                    "Too many sign-ins are being checked at once; try again shortly.");
        }
        try {
            return hash.get();
        } finally {
            hashing.release();
        }
    }

    /** The failures counted since the last call, per known client ID, and of unknown ones; the counts start again. */
    public Report drainFailures() {
        Map<String, Tally> counted = Map.copyOf(failures);
        counted.keySet().forEach(failures::remove);
        return new Report(counted, failuresOfUnknownIds.sumThenReset());
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
