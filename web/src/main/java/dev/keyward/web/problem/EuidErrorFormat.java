package dev.keyward.web.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EUID endpoints' errors, as the operator writes them and participants' tooling expects: plain JSON, never
 * encrypted, {@code {"status":"client_error","message":...}} for the participant's mistakes, {@code {"status":"unauthorized"}}
 * for a key that may not call, {@code {"status":"unknown",...}} for ours. A bound key's refused DPoP proof is
 * {@code unauthorized} too, with its message and RFC 9449's {@code WWW-Authenticate: DPoP} challenge.
 */
final class EuidErrorFormat {

    private EuidErrorFormat() {
    }

    static Response write(Failure f) {
        String status = f.status() == 401 ? "unauthorized" : f.status() >= 500 ? "unknown" : "client_error";
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", status);
        // an unknown or refused key learns nothing more; a bound key whose proof failed (the API key was right) learns why
        if (f.status() != 401 || f.bearerChallenge() != null) {
            body.put("message", f.detail());
        }
        Response.ResponseBuilder r = Response.status(f.status()).type(MediaType.APPLICATION_JSON).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (f.bearerChallenge() != null) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, f.bearerChallenge());
        }
        return r.build();
    }
}
