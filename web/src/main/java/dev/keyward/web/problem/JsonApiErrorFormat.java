package dev.keyward.web.problem;

import dev.keyward.web.store.JsonApi;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The store API's errors, in Elastic Path's JSON:API shape ({@code errors[]}), with RFC 6750 challenges. */
final class JsonApiErrorFormat {

    private JsonApiErrorFormat() {
    }

    static Response write(Failure f) {
        String detail = f.errors() == null ? f.detail()
                : f.detail() + " " + f.errors().stream().map(e -> e.field() + " " + e.message()).toList();
        Response.ResponseBuilder r = Response.status(f.status()).type(MediaType.APPLICATION_JSON)
                .entity(new JsonApi.Errors(List.of(new JsonApi.Error(String.valueOf(f.status()), f.title(), detail))));
        if (f.bearerChallenge() != null) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, f.bearerChallenge());
        }
        return r.build();
    }
}
