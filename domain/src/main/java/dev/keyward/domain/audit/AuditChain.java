package dev.keyward.domain.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The hash chain that makes an audit trail provable. Each tenant's events form one chain, the platform's
 * events another ({@link #PLATFORM}). Every event carries its place in its chain ({@code seq}, from 1), the
 * previous event's hash ({@link #GENESIS} for the first) and its own:
 * <pre>
 *   hash = hex(SHA-256(UTF-8(previousHash + "\n" + canonical)))
 *   canonical = chain, id, occurredAt, type, actorSubject, actorUsername, sourceIp, targetType, targetId, detail,
 *               each written as  length ":" value ","  (length in UTF-8 bytes), or "~," for an absent value
 * </pre>
 * The place is not hashed: the links are the order. So moving an event shows as a link that points elsewhere,
 * removing one as a link that points at nothing, editing one as a hash that no longer matches, and inserting one
 * as two events that claim the same predecessor. Anyone can recompute this from an export, with no key.
 */
public final class AuditChain {

    /** The platform's own chain: events that belong to no tenant. */
    public static final String PLATFORM = "platform";
    /** What the first event of a chain names as its predecessor. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String of(String tenantId) {
        return tenantId == null ? PLATFORM : tenantId;
    }

    public static String canonical(String... fields) {
        StringBuilder out = new StringBuilder(256);
        for (String field : fields) {
            if (field == null) {
                out.append("~,");
            } else {
                out.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(',');
            }
        }
        return out.toString();
    }

    public static String hash(String previousHash, String canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest((previousHash + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One event as a verifier sees it: its place (absent if it has none), id, canonical content and the two hashes. */
    public record Link(Long seq, String id, String canonical, String previousHash, String hash) {
    }

    public enum Problem {
        ALTERED, REMOVED, INSERTED, REORDERED;

        public String slug() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The first place where the chain is not what was written: what is wrong, at which place and event, in words. */
    public record Break(Problem problem, Long seq, String eventId, String explanation) {
    }

    /**
     * Walks a chain in the order of its places, one link at a time, and stops at the first break. {@code placeOf}
     * finds where a hash stands in the whole chain (it is asked only at a broken link, to tell a moved event from a
     * removed or inserted one).
     */
    public static final class Walk {

        private final Function<String, OptionalLong> placeOf;
        private Link previous;
        private long links;
        private Break found;

        public Walk(Function<String, OptionalLong> placeOf) {
            this.placeOf = placeOf;
        }

        /** Takes the next link; returns the break if this link shows one (and every later call returns it too). */
        public Optional<Break> next(Link link) {
            if (found == null) {
                found = check(link);
                if (found == null) {
                    links++;
                    previous = link;
                }
            }
            return Optional.ofNullable(found);
        }

        private Break check(Link link) {
            if (link.seq() == null || link.hash() == null || link.previousHash() == null) {
                return new Break(Problem.INSERTED, link.seq(), link.id(), "The event has no place in the chain: it was written around it.");
            }
            if (!hash(link.previousHash(), link.canonical()).equals(link.hash())) {
                return new Break(Problem.ALTERED, link.seq(), link.id(), "The event's content no longer matches its hash.");
            }
            // the first link of a whole chain follows the genesis; an export that starts later trusts its first link
            String expected = previous != null ? previous.hash() : link.seq() == 1 ? GENESIS : link.previousHash();
            if (!expected.equals(link.previousHash())) {
                OptionalLong place = link.previousHash().equals(GENESIS) ? OptionalLong.of(0) : placeOf.apply(link.previousHash());
                if (place.isEmpty()) {
                    return new Break(Problem.REMOVED, link.seq(), link.id(),
                            "The event before this one is missing: its predecessor's hash is nowhere in the chain.");
                }
                if (previous != null && place.getAsLong() < previous.seq()) {
                    return new Break(Problem.INSERTED, previous.seq(), previous.id(),
                            "The event was put in: the next event follows the one before it.");
                }
                return new Break(Problem.REORDERED, link.seq(), link.id(),
                        "The event is out of place: its predecessor stands at place " + place.getAsLong() + ".");
            }
            long expectedSeq = previous != null ? previous.seq() + 1 : link.seq();
            if (link.seq() != expectedSeq) {
                return new Break(Problem.ALTERED, link.seq(), link.id(),
                        "The event's place was changed: it follows place " + (expectedSeq - 1) + ".");
            }
            return null;
        }

        /**
         * Ends the walk. Given the chain's recorded head (its last place and hash), events missing at the end or
         * added after it are breaks too; without it (a file), the walk ends where the links do.
         */
        public Optional<Break> end(Long headSeq, String headHash) {
            if (found == null && headSeq != null) {
                long last = previous == null ? 0 : previous.seq();
                String lastHash = previous == null ? GENESIS : previous.hash();
                if (last < headSeq || last == headSeq && !Objects.equals(lastHash, headHash) && headHash != null) {
                    found = new Break(Problem.REMOVED, last + 1, null, "The chain ends at place " + last
                            + " but its head says " + headSeq + ": the newest events are missing.");
                } else if (last > headSeq) {
                    found = new Break(Problem.INSERTED, headSeq + 1, null, "Events were added after the chain's head (place "
                            + headSeq + ").");
                }
            }
            return Optional.ofNullable(found);
        }

        /** How many links were walked and found sound. */
        public long links() {
            return links;
        }

        /** The hash of the last link walked: what a person keeps to check a later export against. */
        public String lastHash() {
            return previous == null ? GENESIS : previous.hash();
        }

        public long lastSeq() {
            return previous == null ? 0 : previous.seq();
        }
    }
}
