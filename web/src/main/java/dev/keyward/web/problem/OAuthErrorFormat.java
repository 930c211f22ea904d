package dev.keyward.web.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OAuth endpoints' errors: RFC 6749 §5.2 {@code error} and {@code error_description}, never cached; Basic challenge on 401. */
final class OAuthErrorFormat {

    private OAuthErrorFormat() {
    }

    static Response write(Failure f) {
        String error = f.oauthError() != null ? f.oauthError()
                : f.status() == 429 ? "slow_down" // registered for the token endpoint by RFC 8628
                : f.status() == 503 ? "temporarily_unavailable" : f.status() >= 500 ? "server_error" : "invalid_request";
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", f.detail());
        Response.ResponseBuilder r = Response.status(f.status()).type(MediaType.APPLICATION_JSON).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
        if (f.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"keyward\"");
        }
        return r.build();
    }
}
