package dev.keyward.web.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EUID endpoints' errors, as the operator writes them and participants' tooling expects: plain JSON, never
 * encrypted, {@code {"status":"client_error","message":...}} for the participant's mistakes, {@code {"status":"unauthorized"}}
 * for a key that may not call, {@code {"status":"unknown",...}} for ours.
 */
final class EuidErrorFormat {

    private EuidErrorFormat() {
    }

    static Response write(Failure f) {
        String status = f.status() == 401 ? "unauthorized" : f.status() >= 500 ? "unknown" : "client_error";
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", status);
        if (f.status() != 401) {
            body.put("message", f.detail());
        }
        return Response.status(f.status()).type(MediaType.APPLICATION_JSON).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
