package dev.keyward.token.control;

import dev.keyward.domain.tenant.DpopRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Checks the DPoP proof a request came with, for the token endpoint and for resource servers alike: exactly one, valid for
 * this request ({@link DpopProofs}), carrying the server's nonce where the tenant asks for one ({@link DpopNonces}), and
 * never seen before on any server ({@link AssertionLedger}, beside client assertions).
 */
@ApplicationScoped
public class DpopVerifier {

    /** Proofs' {@code jti} are remembered per key, apart from client assertions' (no client ID has a space). */
    static final String LEDGER_PREFIX = "dpop ";
    static final int MAX_PROOF_LENGTH = 8192;

    @Inject
    DpopNonces nonces;

    @Inject
    AssertionLedger ledger;

    @Inject
    Clock clock;

    /**
     * The proof among {@code proofs} (the request's DPoP headers) for {@code method} on one of {@code urls}, with
     * {@code accessToken} (null at the token endpoint); else {@link DpopProofs.Refused}.
     */
    public DpopProofs.Proof verify(List<String> proofs, String method, List<String> urls, String accessToken, boolean nonceRequired) {
        if (proofs.size() != 1) {
            throw new DpopProofs.Refused("a request carries one DPoP header, not " + proofs.size() + ".", false);
        }
        String proof = proofs.get(0).trim();
        if (proof.length() > MAX_PROOF_LENGTH) {
            throw new DpopProofs.Refused("it is longer than " + MAX_PROOF_LENGTH + " characters.", false);
        }
        Instant now = clock.instant();
        DpopProofs.Proof verified = DpopProofs.verify(proof,
                new DpopProofs.Expected(method, urls, accessToken, nonceRequired ? n -> nonces.accepts(n, now) : null), now);
        if (!ledger.firstUse(LEDGER_PREFIX + verified.jkt(), verified.jti(), verified.acceptableUntil(), now)) {
            throw new DpopProofs.Refused("it was used before: make a new proof, with a new jti, for every request.", false);
        }
        return verified;
    }

    /** The nonce to give out now to a client of a tenant with {@code rule}: null unless it asks for nonces. */
    public String nonceFor(DpopRule rule) {
        return rule.nonce() ? nonces.current(clock.instant()) : null;
    }
}
