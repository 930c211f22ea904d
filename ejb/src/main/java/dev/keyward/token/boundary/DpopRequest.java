package dev.keyward.token.boundary;

import java.util.List;

/**
 * What a request brings for DPoP (RFC 9449): the values of its {@code DPoP} headers (none; one; more is refused), its
 * method, its path below Keyward's root (to be compared with {@code htu} under the issuer's public URL) and its URL as this
 * server received it (for a client that called it by another name, on loopback say).
 */
public record DpopRequest(List<String> proofs, String method, String path, String receivedUrl) {

    public DpopRequest {
        proofs = proofs == null ? List.of() : List.copyOf(proofs);
    }

    /** A request without a {@code DPoP} header: where it was sent does not matter, as no proof names it. */
    public static DpopRequest none(String method) {
        return new DpopRequest(List.of(), method, null, null);
    }

    public boolean sent() {
        return !proofs.isEmpty();
    }

    /** The URLs {@code htu} may name: under the issuer, or as received. */
    public List<String> urls(String issuer) {
        if (path == null) {
            return List.of();
        }
        return receivedUrl == null ? List.of(issuer + path) : List.of(issuer + path, receivedUrl);
    }

    @Override
    public String toString() {
        return "DpopRequest[" + method + " " + path + ", " + proofs.size() + " proof(s)]"; // never the proofs
    }
}
