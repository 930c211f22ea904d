package dev.keyward.domain.tenant;

/**
 * What a tenant asks of DPoP (RFC 9449), the binding of an access token to a key its client holds: {@code required}, every
 * token of the tenant must be bound (a token request without a proof is refused, and so is a bearer token already issued);
 * {@code nonce}, every proof must carry a nonce the server gave out shortly before, so that a proof cannot be made ahead
 * of its use (RFC 9449 §8). Without either, a client may still bind its tokens by sending a proof.
 */
public record DpopRule(boolean required, boolean nonce) {

    public static final DpopRule OPTIONAL = new DpopRule(false, false);

    @Override
    public String toString() {
        return (required ? "required" : "optional") + (nonce ? ", with server nonces" : "");
    }
}
