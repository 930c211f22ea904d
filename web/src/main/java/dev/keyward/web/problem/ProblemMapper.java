package dev.keyward.web.problem;

import dev.keyward.domain.shared.DomainException;
import dev.keyward.token.boundary.OAuthError;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where exceptions become responses. The management API answers RFC 9457 problems; the
 * OAuth endpoints answer RFC 6749 §5.2 errors. Anything unexpected is a 500 with an incident id, and the
 * stack trace goes to the log under that id, never into the body.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (isOAuthPath()) {
            return oauth(e);
        }
        if (e instanceof DomainException d) {
            Response.ResponseBuilder r = problem(status(d.kind()), d.type(), d.title(), d.detail(), null, null);
            if (d.kind() == DomainException.Kind.UNAUTHENTICATED) {
                r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keyward\"");
            }
            return r.build();
        }
        if (e instanceof InvalidBodyException invalid) {
            return problem(400, "invalid-body", "Invalid request body", invalid.getMessage(), invalid.errors(), null).build();
        }
        WebApplicationException web = webApplicationCause(thrown);
        if (web != null) {
            int status = web.getResponse().getStatus();
            if (status < 500) {
                Response.ResponseBuilder r = problem(status, slug(status), Response.Status.fromStatusCode(status) == null
                        ? "Client error" : Response.Status.fromStatusCode(status).getReasonPhrase(), clientMessage(web, status), null, null);
                if (web instanceof NotAllowedException) {
                    r.header(HttpHeaders.ALLOW, web.getResponse().getHeaderString(HttpHeaders.ALLOW));
                }
                return r.build();
            }
        }
        if (isUnreadableBody(thrown)) {
            return problem(400, "malformed-body", "Malformed request body",
                    "The request body is not valid JSON of the expected shape.", null, null).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident, thrown);
        return problem(500, "internal-error", "Internal error",
                "Something went wrong on our side. Quote incident " + incident + " when reporting it.", null, incident).build();
    }

    private Response oauth(Throwable e) {
        String error;
        String description;
        int status;
        if (e instanceof OAuthError o) {
            error = o.error();
            description = o.description();
            status = "invalid_client".equals(error) ? 401 : 400;
        } else if (webApplicationCause(e) != null && webApplicationCause(e).getResponse().getStatus() < 500
                || isUnreadableBody(e)) {
            WebApplicationException web = webApplicationCause(e);
            status = web == null ? 400 : web.getResponse().getStatus();
            error = "invalid_request";
            description = web == null ? "The request is malformed." : clientMessage(web, status);
            if (status == 413 || status == 405 || status == 404) {
                Map<String, String> body = Map.of("error", error, "error_description", description);
                return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
            }
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Incident " + incident, e);
            return Response.status(500).type(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(Map.of("error", "server_error", "error_description", "Quote incident " + incident + ".")).build();
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON).entity(body)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
        if (status == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"keyward\"");
        }
        return r.build();
    }

    private Response.ResponseBuilder problem(int status, String type, String title, String detail,
                                             List<Problem.FieldError> errors, String incident) {
        String instance = uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + type, title, status, detail, instance, errors, incident));
    }

    private boolean isOAuthPath() {
        return uri != null && uri.getPath().replaceFirst("^/", "").startsWith("oauth/");
    }

    private static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
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

    /** Our own messages are safe to show; the framework's may name classes, so those get a plain sentence. */
    private static String clientMessage(WebApplicationException web, int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take that method.";
            case 406 -> "This address cannot answer in the media type asked for.";
            case 413 -> web.getMessage();
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

    private static boolean isUnreadableBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonParsingException
                    || t instanceof jakarta.json.JsonException || t instanceof ProcessingException
                    || t instanceof java.time.format.DateTimeParseException) {
                return true;
            }
        }
        return false;
    }
}
