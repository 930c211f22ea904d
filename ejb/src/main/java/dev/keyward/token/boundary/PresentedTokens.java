package dev.keyward.token.boundary;

import dev.keyward.domain.tenant.DpopRule;
import dev.keyward.token.control.DpopProofs;
import dev.keyward.token.control.DpopVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The resource server's check of the access token a request shows (RFC 6750, RFC 9449 §7): a bearer token as
 * {@code Authorization: Bearer <token>}; a token bound to a key as {@code Authorization: DPoP <token>} with a fresh DPoP
 * proof for this very request, signed by that key. A bound token sent as a bearer is refused, or a copied token would work
 * without its key; so is any bearer token of a tenant that requires DPoP, even one issued before it did.
 */
@ApplicationScoped
public class PresentedTokens {

    @Inject
    AccessTokens tokens;

    @Inject
    DpopVerifier dpopVerifier;

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String issuer;

    /** The active token {@code authorization} shows, checked against the request's DPoP proof; else {@link TokenRefusedException}. */
    public AccessToken check(String authorization, DpopRequest dpop) {
        String scheme = authorization == null ? null
                : authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? TokenRefusedException.BEARER
                : authorization.regionMatches(true, 0, "DPoP ", 0, 5) ? TokenRefusedException.DPOP : null;
        if (scheme == null) {
            throw new TokenRefusedException(null, null, "Send an access token from /oauth/access_token as 'Authorization: Bearer <token>',"
                    + " or one bound to your key as 'Authorization: DPoP <token>' with a DPoP proof.", null);
        }
        String jwt = authorization.substring(scheme.length() + 1).trim();
        AccessToken token = tokens.active(jwt).orElseThrow(() -> new TokenRefusedException(scheme, "invalid_token",
                "The access token is not valid: it may have expired or been revoked.", null));
        DpopRule rule = token.dpop();
        if (TokenRefusedException.BEARER.equals(scheme)) {
            if (token.isBound()) {
                throw refused("invalid_token", "This access token is bound to a key: send it as 'Authorization: DPoP <token>',"
                        + " with a DPoP proof signed by that key.", rule);
            }
            if (rule.required()) {
                throw refused("invalid_token", "This tenant accepts only access tokens bound to a key: get a new one with a DPoP proof.", rule);
            }
            return token;
        }
        if (!token.isBound()) {
            throw refused("invalid_token", "This access token is not bound to a key: send it as 'Authorization: Bearer <token>'.", rule);
        }
        DpopProofs.Proof proof;
        try {
            proof = dpopVerifier.verify(dpop.proofs(), dpop.method(), dpop.urls(issuer), jwt, rule.nonce());
        } catch (DpopProofs.Refused bad) {
            throw refused(bad.nonceWanted() ? "use_dpop_nonce" : "invalid_dpop_proof", "The DPoP proof was refused: " + bad.getMessage(), rule);
        }
        if (!proof.jkt().equals(token.jkt())) {
            throw refused("invalid_dpop_proof", "The DPoP proof is signed by another key than the one the access token is bound to.", rule);
        }
        return token;
    }

    /** A refusal in the DPoP scheme, with the nonce the next proof must carry where the tenant asks for nonces (made only now). */
    private TokenRefusedException refused(String error, String detail, DpopRule rule) {
        return new TokenRefusedException(TokenRefusedException.DPOP, error, detail, dpopVerifier.nonceFor(rule));
    }
}
