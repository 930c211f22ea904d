package dev.keyward.web.token;

import dev.keyward.token.boundary.AccessToken;
import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.web.SharedJsonb;
import dev.keyward.web.problem.ErrorPages;
import dev.keyward.web.security.BodyLimit;
import dev.keyward.web.security.NoSniff;
import dev.keyward.web.surface.OAuthEndpoint;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 7662 introspection, served as a plain servlet rather than a JAX-RS resource: a resource server asks about every
 * token it is shown, so this is Keyward's busiest endpoint after the token endpoint, and JAX-RS's dispatch (matching,
 * content negotiation, providers, filters) cost about a quarter of each answer's processor time. It answers exactly as
 * the resource did: the same methods, media types, body limit and errors, written by Keyward's one error mapper
 * ({@link ErrorPages#answer}).
 */
@OAuthEndpoint
@WebServlet(urlPatterns = AccessTokens.INTROSPECTION_PATH)
public class IntrospectionEndpoint extends HttpServlet {

    static final String ALLOWED = "POST, OPTIONS";

    @Inject
    AccessTokens tokens;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            switch (request.getMethod()) {
                case "POST" -> doPost(request, response);
                case "OPTIONS" -> doOptions(request, response);
                default -> throw new NotAllowedException(Response.status(Response.Status.METHOD_NOT_ALLOWED)
                        .header(HttpHeaders.ALLOW, ALLOWED).build());
            }
        } catch (RuntimeException refused) {
            ErrorPages.answer(refused, request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isForm(request.getContentType())) {
            throw new NotSupportedException();
        }
        if (!acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            throw new NotAcceptableException();
        }
        Form form = Form.read(BodyLimit.read(request, OAuthBodyLimit.MAX_BYTES), request.getContentType());
        ClientAuthentication client = ClientAuthentication.from(request.getHeader(HttpHeaders.AUTHORIZATION), form);
        Optional<AccessToken> token = tokens.introspect(client.proof(), form.field("token"), request.getRemoteAddr());
        byte[] body = SharedJsonb.jsonb().toJson(token.map(IntrospectionResponse::of).orElse(IntrospectionResponse.INACTIVE))
                .getBytes(StandardCharsets.UTF_8);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader(NoSniff.HEADER, "nosniff");
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = ALLOWED.getBytes(StandardCharsets.UTF_8);
        response.setHeader(HttpHeaders.ALLOW, ALLOWED);
        response.setHeader(NoSniff.HEADER, "nosniff");
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Whether the body is declared form encoding, whatever its parameters ({@link Form} judges the charset). */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED);
    }

    /** RFC 9110 §12.5.1: whether {@code accept} (absent: anything) lets the answer be JSON. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if ((type.equals("*/*") || type.equals("application/*") || type.equals(MediaType.APPLICATION_JSON)) && !refused(parts)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a media range's parameters carry {@code q=0}, which refuses it. */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim()) == 0;
                } catch (NumberFormatException unreadable) {
                    return true;
                }
            }
        }
        return false;
    }
}
