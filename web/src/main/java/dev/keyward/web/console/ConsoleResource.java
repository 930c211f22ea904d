package dev.keyward.web.console;

import dev.keyward.platform.KeycloakSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web console at {@code /console/}: plain files built into the WAR (HTML, CSS, JavaScript modules and
 * keycloak-js), served on the API's own origin with a content security policy that lets scripts come
 * from here only and lets the page talk to Keycloak and nothing else. The console learns where Keycloak
 * is from {@code config.json}.
 */
@Path("console")
@ApplicationScoped
public class ConsoleResource {

    private static final Pattern SAFE = Pattern.compile("^[a-z0-9-]+(/[a-z0-9-]+)*\\.(html|js|css)$");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");



    @Inject
    KeycloakSettings keycloak;

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** {@code /console} and {@code /console/}: the page links its files by absolute path, so both work. */
    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("config.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        return secured(Response.ok(Map.of("keycloakUrl", keycloak.url(), "realm", keycloak.realm(), "clientId", "keyward-console")));
    }

    @GET
    @Path("{file: .+}")
    public Response file(@PathParam("file") String file) {
        if (!SAFE.matcher(file).matches()) {
            throw new NotFoundException();
        }
        byte[] content = files.get(file);
        if (content == null) {
            content = read(file); // a name that is not in the WAR is not remembered: the cache holds the console's files only
            files.put(file, content);
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        return secured(Response.ok(content, type));
    }

    private Response secured(Response.ResponseBuilder response) {
        return response
                .header("Cache-Control", "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "connect-src 'self' " + keycloak.url() + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
                .build();
    }

    private static byte[] read(String file) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
