package dev.keyward.web.euid;

import dev.keyward.euid.boundary.EuidOperator;
import dev.keyward.euid.boundary.EuidOperator.Endpoint;
import dev.keyward.web.security.DpopHeaders;
import dev.keyward.web.surface.EuidApi;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The EUID operator's participant endpoints, at {@code /euid}: a participant's SDK takes {@code http(s)://<keyward>/euid}
 * as its base URL. The body is read raw, whatever its declared type: the SDK sends the envelope's base64 text labelled
 * {@code application/x-www-form-urlencoded}, which must not be form-decoded ({@code +} and {@code /} would be lost);
 * {@code application/octet-stream} carries the envelope's bytes, and gets bytes back.
 */
@EuidApi
@Path("euid")
@RequestScoped
public class EuidResource {

    private static final String TEXT = MediaType.TEXT_PLAIN;

    @Inject
    EuidOperator operator;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    @Path("v2/token/generate")
    @Consumes(MediaType.WILDCARD)
    public Response generate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return call(Endpoint.TOKEN_GENERATE, authorization, body);
    }

    @POST
    @Path("v2/token/validate")
    @Consumes(MediaType.WILDCARD)
    public Response validate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return call(Endpoint.TOKEN_VALIDATE, authorization, body);
    }

    /** The refresh token is the body, in clear; no API key is needed, as at the operator (browsers call it). */
    @POST
    @Path("v2/token/refresh")
    @Consumes(MediaType.WILDCARD)
    public Response refresh(byte[] body) {
        return answer(operator.refresh(body == null ? new byte[0] : body, request.getRemoteAddr()));
    }

    @POST
    @Path("v2/identity/map")
    @Consumes(MediaType.WILDCARD)
    public Response mapV2(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return call(Endpoint.IDENTITY_MAP_V2, authorization, body);
    }

    @POST
    @Path("v3/identity/map")
    @Consumes(MediaType.WILDCARD)
    public Response mapV3(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return call(Endpoint.IDENTITY_MAP_V3, authorization, body);
    }

    @POST
    @Path("v2/identity/buckets")
    @Consumes(MediaType.WILDCARD)
    public Response buckets(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return call(Endpoint.IDENTITY_BUCKETS, authorization, body);
    }

    private Response call(Endpoint endpoint, String authorization, byte[] body) {
        boolean binary = MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(contentType()) && !MediaType.WILDCARD_TYPE.equals(contentType());
        return answer(operator.call(endpoint, authorization, DpopHeaders.of("POST", headers.getRequestHeader(DpopHeaders.DPOP), uri),
                body, binary, request.getRemoteAddr()));
    }

    private MediaType contentType() {
        String declared = request.getContentType();
        try {
            return declared == null ? MediaType.WILDCARD_TYPE : MediaType.valueOf(declared);
        } catch (IllegalArgumentException unreadable) {
            return MediaType.WILDCARD_TYPE;
        }
    }

    private static Response answer(EuidOperator.Answer answer) {
        Response.ResponseBuilder ok = Response.ok(answer.body(), answer.binary() ? MediaType.APPLICATION_OCTET_STREAM : TEXT)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        answer.rate().headers().forEach(ok::header);
        return ok.build();
    }
}
