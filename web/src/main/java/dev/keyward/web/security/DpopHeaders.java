package dev.keyward.web.security;

import dev.keyward.token.boundary.DpopRequest;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;

/** Reads what a request brings for DPoP (RFC 9449): its {@code DPoP} headers, method, path and URL. */
public final class DpopHeaders {

    public static final String DPOP = "DPoP";
    public static final String DPOP_NONCE = "DPoP-Nonce";

    private DpopHeaders() {
    }

    /**
     * The request's DPoP proofs ({@code values}: its DPoP headers' values), one per header value; values a proxy joined with commas count apart (a JWT has no comma),
     * so that two proofs are never taken for one.
     */
    public static DpopRequest of(String method, List<String> values, UriInfo uri) {
        if (values == null || values.isEmpty()) {
            return DpopRequest.none(method); // most requests: no URL to work out
        }
        List<String> proofs = values.stream().flatMap(v -> Arrays.stream(v.split(",", -1))).map(String::trim).toList();
        String path = "/" + uri.getPath().replaceFirst("^/+", "");
        return new DpopRequest(proofs, method, path, uri.getAbsolutePath().toString());
    }
}
