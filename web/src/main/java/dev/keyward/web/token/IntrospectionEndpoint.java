package dev.keyward.web.token;

import dev.keyward.token.boundary.AccessToken;
import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.token.boundary.OAuthError;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 7662 introspection, served as a plain servlet rather than a JAX-RS resource: a resource server asks about every
 * token it is shown, so this is Keyward's busiest endpoint after the token endpoint, and JAX-RS's dispatch (matching,
 * content negotiation, providers, filters) cost about a quarter of each answer's processor time. It answers exactly as
 * the resource did: the same methods, media types, body limit and errors, written by Keyward's one error mapper
 * ({@link ErrorPages#answer}).
 */
@OAuthEndpoint
@WebServlet(urlPatterns = AccessTokens.INTROSPECTION_PATH, loadOnStartup = 1)
public class IntrospectionEndpoint extends HttpServlet {

    /** The servlet context attribute that hands {@link IntrospectionOnIoThread} this servlet once it is ready. */
    static final String READY = IntrospectionEndpoint.class.getName();
    /** The headers of every introspection answer, beside its length and request ID. */
    static final Map<String, String> ANSWER_HEADERS = answerHeaders();

    static final String ALLOWED = "POST, OPTIONS";

    /** The media ranges that match JSON, the least specific first. */
    private static final List<String> SPECIFICITY = List.of("*/*", "application/*", MediaType.APPLICATION_JSON);

    /** RFC 9110 §12.4.2's weight: 0 to 1 with at most three decimals. */
    private static final Pattern WEIGHT = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    /** The weights that refuse their range. */
    private static final Pattern ZERO = Pattern.compile("0(\\.0{0,3})?");

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
    public void init() {
        getServletContext().setAttribute(READY, this);
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
        byte[] body = answer(tokens.introspect(client.proof(), form.field("token"), request.getRemoteAddr()));
        ANSWER_HEADERS.forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The answer to a request that memory alone can answer, else null: anything but a well-formed request of a client
     * that proves itself with a secret, about a token whose state is in memory, is left to {@link #doPost}, which answers
     * (and counts) refusals. Called by {@link IntrospectionOnIoThread} on the I/O thread that read the request.
     */
    byte[] answerFromMemory(String contentType, String accept, String authorization, byte[] body) {
        if (!isForm(contentType) || !acceptsJson(accept)) {
            return null;
        }
        try {
            Form form = Form.read(body, contentType);
            ClientAuthentication client = ClientAuthentication.from(authorization, form);
            return tokens.introspectInMemory(client.proof(), form.field("token")).map(found -> answer(found.token())).orElse(null);
        } catch (OAuthError refused) {
            return null;
        }
    }

    private static byte[] answer(Optional<AccessToken> token) {
        return SharedJsonb.jsonb().toJson(token.map(IntrospectionResponse::of).orElse(IntrospectionResponse.INACTIVE))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> answerHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.put("Pragma", "no-cache");
        headers.put(NoSniff.HEADER, "nosniff");
        headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        return Collections.unmodifiableMap(headers);
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

    /**
     * RFC 9110 §12.5.1: whether {@code accept} (absent: anything) lets the answer be JSON. The most specific range that
     * matches JSON decides (a zero weight on {@code application/json} refuses JSON even beside a wildcard); a weight of
     * zero, or one that is not a weight, refuses its range.
     */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        int decidedBy = -1;
        boolean accepted = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            int specificity = SPECIFICITY.indexOf(parts[0].trim().toLowerCase(Locale.ROOT));
            if (specificity > decidedBy) {
                decidedBy = specificity;
                accepted = !refused(parts);
            }
        }
        return accepted;
    }

    /** Whether a media range's parameters carry a weight of zero, or one that is not a weight. */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                String weight = parameter.substring(2).trim();
                return !WEIGHT.matcher(weight).matches() || ZERO.matcher(weight).matches();
            }
        }
        return false;
    }
}
