package dev.keyward.web.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The management API's errors: RFC 9457 {@code application/problem+json}, with RFC 6750 challenges. */
final class ProblemFormat {

    private ProblemFormat() {
    }

    static Response write(Failure f, String path, String requestId) {
        Response.ResponseBuilder r = Response.status(f.status()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + f.type(), f.title(), f.status(), f.detail(), path, f.errors(), f.incident(), requestId));
        if (f.bearerChallenge() != null) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, f.bearerChallenge());
        }
        return r.build();
    }
}
