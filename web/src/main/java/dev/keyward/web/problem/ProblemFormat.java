package dev.keyward.web.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The management API's errors: RFC 9457 {@code application/problem+json}, with RFC 6750 challenges. */
final class ProblemFormat {

    /** A problem's {@code instance} is the address asked for, quoted up to this length (an address may be 8 KiB). */
    static final int MAX_INSTANCE = 256;

    private ProblemFormat() {
    }

    static Response write(Failure f, String path, String requestId) {
        Response.ResponseBuilder r = Response.status(f.status()).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + f.type(), f.title(), f.status(), f.detail(),
                path == null ? null : Validation.shortened(path, MAX_INSTANCE), f.errors(), f.incident(), requestId));
        if (f.bearerChallenge() != null) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, f.bearerChallenge());
        }
        return r.build();
    }
}
