package dev.keyward.web.surface;

import dev.keyward.web.KeywardApplication;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authentication is bound to resources by their surface annotation, so a resource without one would be served
 * unauthenticated: every resource under {@code api/}, {@code v2/} and {@code oauth} must say which surface it is.
 */
class SurfaceBindingTest {

    static final Map<String, Class<? extends Annotation>> SURFACES = Map.of(
            "api/", ManagementApi.class, "v2/", StoreApi.class, "oauth", OAuthEndpoint.class, ".well-known/", OAuthEndpoint.class);

    @Test
    void everyResourceUnderAnAuthenticatedPathCarriesItsSurface() throws IOException, URISyntaxException, ClassNotFoundException {
        var root = java.nio.file.Path.of(KeywardApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (var files = Files.walk(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                Path path = type.getAnnotation(Path.class);
                if (path == null) {
                    continue;
                }
                String value = path.value().replaceFirst("^/", "");
                for (var surface : SURFACES.entrySet()) {
                    if (value.startsWith(surface.getKey())) {
                        checked++;
                        if (!type.isAnnotationPresent(surface.getValue())) {
                            missing.add(type.getSimpleName() + " (" + value + ") lacks @" + surface.getValue().getSimpleName());
                        }
                    }
                }
            }
        }
        assertTrue(checked >= 14, "found the resources: " + checked);
        assertEquals(List.of(), missing);
    }
}
