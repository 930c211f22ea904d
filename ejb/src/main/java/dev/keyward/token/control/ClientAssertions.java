package dev.keyward.token.control;

import dev.keyward.credential.control.PublicKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Client assertions (RFC 7523 §2.2 and §3, OpenID Connect's {@code private_key_jwt}): a JWT the client signed with one of
 * its registered keys, whose issuer and subject are its client ID, whose audience is Keyward (its issuer, or the URL of
 * the token endpoint or of the endpoint called), with an expiry at most five minutes ahead and a {@code jti}. Checked by
 * jose4j; only the algorithms of {@link PublicKeys#ALGORITHMS}, never {@code none} or an HMAC.
 */
public final class ClientAssertions {

    /** {@code client_assertion_type}'s one value. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** How far ahead an assertion's expiry may lie: it is made for one request. */
    static final int MAX_LIFETIME_MINUTES = 5;
    static final int CLOCK_SKEW_SECONDS = 30;

    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
            .setSkipSignatureVerification().build();

    /**
     * What a verified assertion says: its {@code jti}, and the last instant it could be accepted (its expiry plus the clock
     * skew allowed): until then, its use must be remembered.
     */
    public record Verified(String jti, Instant acceptableUntil) {
    }

    /** An assertion that proves nothing; its message says why, for whoever made it, without quoting it. */
    public static final class Refused extends RuntimeException {
        Refused(String reason) {
            super("The client assertion was refused: " + reason, null, false, false);
        }
    }

    private ClientAssertions() {
    }

    /** The client an assertion says it comes from (its {@code iss}), read before anything is checked: to find its keys. */
    public static Optional<String> claimedClient(String assertion) {
        try {
            return Optional.ofNullable(UNVERIFIED.processToClaims(assertion).getIssuer());
        } catch (InvalidJwtException | MalformedClaimException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Verifies {@code assertion} as {@code clientId}'s, signed by one of {@code publicKeys}, for one of
     * {@code audiences}, at {@code now}; else {@link Refused}, whose reason tells a developer what to fix and says nothing a
     * stranger could use.
     */
    public static Verified verify(String assertion, String clientId, List<JsonWebKey> publicKeys, List<String> audiences, Instant now) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, PublicKeys.ALGORITHMS.toArray(String[]::new))
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(publicKeys))
                .setExpectedIssuer(clientId)
                .setExpectedSubject(clientId)
                .setExpectedAudience(audiences.toArray(String[]::new))
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setEvaluationTime(NumericDate.fromMilliseconds(now.toEpochMilli()))
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(assertion);
            return new Verified(claims.getJwtId(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()).plusSeconds(CLOCK_SKEW_SECONDS));
        } catch (InvalidJwtException refused) {
            throw new Refused(reason(refused, audiences));
        } catch (MalformedClaimException malformed) {
            throw new Refused("a claim has the wrong type.");
        }
    }

    /** A short reason, without echoing the assertion. */
    private static String reason(InvalidJwtException refused, List<String> audiences) {
        if (refused.hasExpired()) {
            return "it has expired.";
        }
        if (refused.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
                || refused.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "its aud must be one of " + audiences + ".";
        }
        if (refused.hasErrorCode(ErrorCodes.ISSUER_INVALID)
                || refused.hasErrorCode(ErrorCodes.SUBJECT_INVALID)
                || refused.hasErrorCode(ErrorCodes.ISSUER_MISSING)
                || refused.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return "its iss and sub must both be the client ID.";
        }
        if (refused.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)
                || refused.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "its exp is required, at most " + MAX_LIFETIME_MINUTES + " minutes ahead.";
        }
        if (refused.hasErrorCode(ErrorCodes.JWT_ID_MISSING)) {
            return "its jti is required.";
        }
        if (refused.hasErrorCode(ErrorCodes.NOT_YET_VALID)
                || refused.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "it is not valid yet.";
        }
        return "it is not a JWT signed with " + String.join(", ", PublicKeys.ALGORITHMS) + " by one of the credential's keys.";
    }
}
