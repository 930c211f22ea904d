package dev.keyward.web.problem;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.domain.shared.StepUpRequiredException;
import dev.keyward.domain.shared.TooManyAttemptsException;
import dev.keyward.euid.boundary.EuidError;
import dev.keyward.platform.DatabaseTrouble;
import dev.keyward.platform.QuietLog;
import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.token.boundary.OAuthError;
import dev.keyward.token.boundary.TokenRefusedException;
import dev.keyward.web.security.DpopHeaders;
import dev.keyward.web.store.InsufficientScopeException;
import dev.keyward.web.surface.Surface;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import dev.keyward.web.platform.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where exceptions become responses. What went wrong is classified once, as a {@link Failure};
 * the surface that answered the request (see {@link Surface}) picks its wire format: RFC 9457 problems on the
 * management API, RFC 6749 errors on the OAuth endpoints, Elastic Path's JSON:API errors on the store API, the EUID
 * operator's {@code {"status":...}} on the EUID endpoints.
 * Anything unexpected is a 500 with an incident id, and the stack trace goes to the log under that id, never
 * into the body.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    /** RFC 6750 §3.1: these refusals say the bearer token itself is bad. */
    private static final Set<String> INVALID_TOKENS = Set.of("invalid-token", "invalid-customer-token");
    private static final String RETRY_AFTER_SECONDS = "5";
    /** A database that is away is the operator's news once a minute, not a stack trace per request. */
    private static final QuietLog DATABASE_AWAY = new QuietLog(LOG, Duration.ofMinutes(1));

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable thrown) {
        return answer(thrown, request, uri == null ? null : "/" + uri.getPath().replaceFirst("^/", ""));
    }

    /**
     * The answer to a request to {@code path} (null when unknown) that failed with {@code thrown}: for JAX-RS's
     * resources, and for the endpoints served as plain servlets ({@link ErrorPages#answer}).
     */
    public static Response answer(Throwable thrown, HttpServletRequest request, String path) {
        Failure failure = classify(thrown);
        Response response = write(failure, Surface.of(request, path == null ? "" : path), path, RequestIds.of(request));
        if (unwrap(thrown) instanceof TooManyAttemptsException tooMany) {
            // RFC 6585 §4: when the caller may try again
            Response.ResponseBuilder r = Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.retryAfterSeconds()));
            tooMany.headers().forEach(r::header);
            response = r.build();
        } else if (failure.status() == 503) {
            // something Keyward depends on is down for a moment: RFC 9110 §10.2.3, come back then
            response = Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String dpopNonce = unwrap(thrown) instanceof OAuthError o ? o.dpopNonce()
                : unwrap(thrown) instanceof TokenRefusedException t ? t.dpopNonce()
                : unwrap(thrown) instanceof EuidError euid ? euid.dpopNonce() : null;
        if (dpopNonce != null) {
            // RFC 9449 §8: the nonce the client's next proof must carry
            response = Response.fromResponse(response).header(DpopHeaders.DPOP_NONCE, dpopNonce).build();
        }
        WebApplicationException web = webApplicationCause(thrown);
        String allow = web == null ? null : web.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? response : Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
    }

    /** {@code failure} in the wire format of {@code surface}. */
    static Response write(Failure failure, Surface surface, String path, String requestId) {
        return switch (surface) {
            case OAUTH -> OAuthErrorFormat.write(failure);
            case STORE -> JsonApiErrorFormat.write(failure);
            case EUID -> EuidErrorFormat.write(failure);
            case MANAGEMENT, LEAKS, OTHER -> ProblemFormat.write(failure, path, requestId);
        };
    }

    private static Failure classify(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof InsufficientScopeException scope) {
            return new Failure(403, scope.type(), scope.title(), scope.detail(), null, null, null,
                    (scope.bound() ? TokenRefusedException.DPOP : TokenRefusedException.BEARER)
                            + " realm=\"keyward\", error=\"insufficient_scope\", scope=\"" + scope.needed().scope() + "\"");
        }
        if (e instanceof TokenRefusedException refused) {
            return new Failure(401, refused.type(), refused.title(), refused.detail(), null, null, null, challenge(refused));
        }
        if (e instanceof DomainException d) {
            String challenge = d.kind() == DomainException.Kind.UNAUTHENTICATED
                    ? "Bearer realm=\"keyward\"" + (INVALID_TOKENS.contains(d.type()) ? ", error=\"invalid_token\"" : "") : null;
            if (d instanceof StepUpRequiredException stepUp) {
                // RFC 9470: the client (the console) signs the person in again, with MFA, no longer ago than max_age
                challenge = "Bearer realm=\"keyward\", error=\"insufficient_user_authentication\", error_description=\""
                        + d.title() + "\", max_age=" + stepUp.maxAgeSeconds();
            }
            return new Failure(status(d.kind()), d.type(), d.title(), d.detail(), null, null, null, challenge);
        }
        if (e instanceof OAuthError o) {
            int status = "invalid_client".equals(o.error()) ? 401 : 400;
            return new Failure(status, "oauth-" + o.error(), o.error(), o.description(), null, null, o.error(), null);
        }
        if (e instanceof EuidError euid) {
            return new Failure(euid.httpStatus(), "euid-" + euid.status(), euid.status(), euid.getMessage(), null, null, null,
                    euid.dpopError() == null ? null : dpopChallenge(euid.dpopError()));
        }
        if (e instanceof InvalidBodyException invalid) {
            return new Failure(400, "invalid-body", "Invalid request body", invalid.getMessage(), invalid.errors(), null, null, null);
        }
        WebApplicationException web = webApplicationCause(thrown);
        if (web instanceof InvalidParameterException parameter) {
            return Failure.of(400, "invalid-parameter", "Invalid request", "Parameter '" + parameter.parameter()
                    + "' does not take the value '" + Validation.shortened(parameter.value()) + "'.");
        }
        if (web != null && web.getResponse().getStatus() < 500) {
            return ofStatus(web.getResponse().getStatus(), web.getMessage());
        }
        if (causedBy(thrown, OptimisticLockException.class)) {
            return Failure.of(409, "concurrent-change", "Conflict",
                    "Someone else changed this at the same moment; read it again before repeating the change.");
        }
        if (DatabaseTrouble.in(thrown)) {
            DATABASE_AWAY.warn("The database is unavailable; answering 503 meanwhile", thrown);
            return Failure.of(503, "database-unavailable", "Database unavailable",
                    "Keyward cannot reach its database for a moment. Try again shortly; read before repeating a change, which may have been made.");
        }
        if (isUnreadableBody(thrown)) {
            return Failure.of(400, "malformed-body", "Malformed request body", "The request body is not valid JSON of the expected shape.");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident, thrown);
        return new Failure(500, "internal-error", "Internal error",
                "Something went wrong on our side. Quote incident " + incident + " when reporting it.", null, incident, null, null);
    }

    /**
     * The challenge for a refused access token: RFC 6750 §3's for a bearer token, RFC 9449 §7.1's (with the algorithms a proof
     * may use) for a bound one; both schemes when no token came at all.
     */
    static String challenge(TokenRefusedException refused) {
        if (refused.scheme() == null) {
            return TokenRefusedException.BEARER + " realm=\"keyward\", " + DPOP_CHALLENGE;
        }
        return TokenRefusedException.DPOP.equals(refused.scheme()) ? dpopChallenge(refused.error())
                : TokenRefusedException.BEARER + " realm=\"keyward\", error=\"" + refused.error() + "\"";
    }

    private static final String DPOP_CHALLENGE = TokenRefusedException.DPOP + " realm=\"keyward\", algs=\""
            + String.join(" ", AccessTokens.DPOP_ALGORITHMS) + "\"";

    /** RFC 9449 §7.1's challenge, with the algorithms a proof may use and what was wrong. */
    private static String dpopChallenge(String error) {
        return DPOP_CHALLENGE + ", error=\"" + error + "\"";
    }

    private static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    /**
     * The failure a bare status stands for: a refusal by JAX-RS (whose own words may name classes, so they are not
     * shown, but for our 413's), or by the servlet container ({@link ErrorPages}).
     */
    static Failure ofStatus(int status, String tooLarge) {
        if (status >= 500) {
            return Failure.of(status, "internal-error", "Internal error", "Something went wrong on our side.");
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return Failure.of(status, slug(status), known == null ? "Client error" : known.getReasonPhrase(), clientMessage(status, tooLarge));
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            default -> "client-error";
        };
    }

    private static String clientMessage(int status, String tooLarge) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take that method.";
            case 406 -> "This address cannot answer in the media type asked for.";
            case 413 -> tooLarge == null ? "The request body is too large." : tooLarge;
            case 415 -> "This address does not take that media type.";
            default -> "The request could not be understood.";
        };
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }


    private static WebApplicationException webApplicationCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException w) {
                return w;
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnreadableBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonParsingException
                    || t instanceof JsonException || t instanceof ProcessingException
                    || t instanceof DateTimeParseException) {
                return true;
            }
        }
        return false;
    }
}
