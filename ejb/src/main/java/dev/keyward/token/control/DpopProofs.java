package dev.keyward.token.control;

import dev.keyward.credential.control.PublicKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.EmbeddedJwkVerificationKeyResolver;

/**
 * DPoP proofs (RFC 9449 §4): a JWT of type {@code dpop+jwt}, signed by the key in its own {@code jwk} header, made for one
 * request: its method ({@code htm}), its URL without query or fragment ({@code htu}), when ({@code iat}, at most a minute
 * old), once ({@code jti}), and at a resource server for one access token ({@code ath}, the token's SHA-256). Checked by
 * jose4j; only the algorithms of {@link PublicKeys#ALGORITHMS} and keys of the strength registered keys must have.
 */
public final class DpopProofs {

    public static final String TYPE = "dpop+jwt";
    /** The algorithms a proof may be signed with, as a resource server's challenge lists them. */
    public static final List<String> ALGORITHMS = PublicKeys.ALGORITHMS;
    /** How old a proof may be: it is made for the request it comes with. */
    static final int MAX_AGE_SECONDS = 60;
    static final int CLOCK_SKEW_SECONDS = 30;
    static final int MAX_JTI_LENGTH = 256;

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /**
     * A proof that holds: the RFC 7638 thumbprint of its key ({@code jkt}, what a bound token names in {@code cnf}), its
     * {@code jti}, and the last instant it could be accepted, until which its use must be remembered.
     */
    public record Proof(String jkt, String jti, Instant acceptableUntil) {
    }

    /**
     * A proof that proves nothing, with the reason for whoever made it; {@code nonceWanted}: the proof was fine but for the
     * server's nonce, which the client gets in the answer and puts in its next proof.
     */
    public static final class Refused extends RuntimeException {
        private final boolean nonceWanted;

        Refused(String reason, boolean nonceWanted) {
            super(reason, null, false, false);
            this.nonceWanted = nonceWanted;
        }

        public boolean nonceWanted() {
            return nonceWanted;
        }
    }

    /** What the proof must match: the request it came with, and, at a resource server, the access token beside it. */
    public record Expected(String method, List<String> urls, String accessToken, Predicate<String> nonce) {
    }

    private DpopProofs() {
    }

    /** Verifies {@code proof} for the request {@code expected} describes at {@code now}; else {@link Refused}, saying why. */
    public static Proof verify(String proof, Expected expected, Instant now) {
        EmbeddedJwkVerificationKeyResolver embedded = new EmbeddedJwkVerificationKeyResolver();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setExpectedType(true, TYPE)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new))
                .setVerificationKeyResolver(embedded)
                .setSkipDefaultAudienceValidation()
                .setRequireJwtId()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, MAX_AGE_SECONDS)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()))
                .build();
        JwtContext context;
        try {
            context = consumer.process(proof);
        } catch (InvalidJwtException refused) {
            throw new Refused(reason(refused), false);
        }
        PublicJsonWebKey key = embedded.getJwk();
        String alg = context.getJoseObjects().get(0).getAlgorithmHeaderValue();
        if (key == null || !PublicKeys.signsWith(key, alg)) {
            throw new Refused("its jwk must be a public key (EC P-256, RSA of 2048 bits or more, or Ed25519) that signs with its alg.", false);
        }
        JwtClaims claims = context.getJwtClaims();
        try {
            String jti = claims.getJwtId();
            if (jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
                throw new Refused("its jti is 1 to " + MAX_JTI_LENGTH + " characters.", false);
            }
            if (!expected.method().equals(claims.getClaimValue("htm", String.class))) {
                throw new Refused("its htm must be the request's method, " + expected.method() + ".", false);
            }
            String htu = normalized(claims.getClaimValue("htu", String.class));
            if (htu == null || expected.urls().stream().map(DpopProofs::normalized).noneMatch(htu::equals)) {
                throw new Refused("its htu must be the URL the request was sent to, without query or fragment: " + expected.urls().get(0) + ".", false);
            }
            String ath = claims.getClaimValue("ath", String.class);
            if (expected.accessToken() != null && (ath == null || !MessageDigest.isEqual(
                    ath.getBytes(StandardCharsets.US_ASCII), tokenHash(expected.accessToken()).getBytes(StandardCharsets.US_ASCII)))) {
                throw new Refused("its ath must be the access token's SHA-256, base64url-encoded.", false);
            }
            if (expected.nonce() != null) {
                String nonce = claims.getClaimValue("nonce", String.class);
                if (nonce == null || !expected.nonce().test(nonce)) {
                    throw new Refused("it needs the nonce the server gave in DPoP-Nonce.", true);
                }
            }
            Instant issuedAt = Instant.ofEpochSecond(claims.getIssuedAt().getValue());
            return new Proof(key.calculateBase64urlEncodedThumbprint("SHA-256"), jti, issuedAt.plusSeconds(MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS));
        } catch (MalformedClaimException malformed) {
            throw new Refused("a claim has the wrong type: jti, htm, htu, ath and nonce are strings, iat a number.", false);
        }
    }

    /** RFC 9449 §6.1's {@code ath}: base64url of the SHA-256 of the access token's ASCII. */
    public static String tokenHash(String accessToken) {
        try {
            return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A URL as RFC 9449 §4.3 compares them (RFC 3986 §6.2.2 and §6.2.3): scheme and host in lower case, the scheme's default
     * port left out, an empty path as {@code /}, without query and fragment; null for what is no absolute http(s) URL.
     */
    static String normalized(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url).normalize();
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
        } catch (URISyntaxException notAUrl) {
            return null;
        }
    }

    private static String reason(InvalidJwtException refused) {
        if (refused.hasErrorCode(ErrorCodes.TYPE_MISSING) || refused.hasErrorCode(ErrorCodes.TYPE_INVALID)) {
            return "its typ must be " + TYPE + ".";
        }
        if (refused.hasErrorCode(ErrorCodes.JWT_ID_MISSING)) {
            return "its jti is required.";
        }
        if (refused.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return "its iat is required.";
        }
        if (refused.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST) || refused.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                || refused.hasExpired() || refused.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "its iat must be now: a proof is made for its request, and is at most " + MAX_AGE_SECONDS + " seconds old.";
        }
        return "it is not a JWT signed with " + String.join(", ", ALGORITHMS) + " by the public key in its jwk header.";
    }
}
