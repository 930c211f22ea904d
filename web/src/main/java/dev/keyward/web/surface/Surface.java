package dev.keyward.web.surface;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API a request was answered by. Each resource says which it belongs to with its annotation; the
 * {@link SurfaceRecorder} writes that down for the request, and the one error mapper answers in the surface's
 * wire format. Only a URL no resource matches is placed by its path.
 */
public enum Surface {

    MANAGEMENT, OAUTH, STORE, EUID, LEAKS, OTHER;

    private static final String PROPERTY = Surface.class.getName();

    /** Resource methods are few and fixed: each is looked at once, not on every request. */
    private static final Map<Method, Surface> BY_METHOD = new ConcurrentHashMap<>();

    static Surface of(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null) {
            return OTHER;
        }
        return BY_METHOD.computeIfAbsent(method, m -> Objects.requireNonNullElse(declared(m),
                Objects.requireNonNullElse(declared(type), OTHER)));
    }

    private static Surface declared(AnnotatedElement element) {
        if (element == null) {
            return null;
        }
        if (element.isAnnotationPresent(ManagementApi.class)) {
            return MANAGEMENT;
        }
        if (element.isAnnotationPresent(OAuthEndpoint.class)) {
            return OAUTH;
        }
        if (element.isAnnotationPresent(StoreApi.class)) {
            return STORE;
        }
        if (element.isAnnotationPresent(EuidApi.class)) {
            return EUID;
        }
        if (element.isAnnotationPresent(LeakApi.class)) {
            return LEAKS;
        }
        return null;
    }

    void record(ContainerRequestContext request) {
        request.setProperty(PROPERTY, this);
    }

    /** The surface recorded for this request or, for a URL that matched no resource, the one its path belongs to. */
    public static Surface of(HttpServletRequest request, String path) {
        Object recorded = request == null ? null : request.getAttribute(PROPERTY);
        return recorded instanceof Surface s ? s : byPath(path);
    }

    private static Surface byPath(String path) {
        String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("oauth/") || p.startsWith(".well-known/")) {
            return OAUTH;
        }
        if (p.startsWith("v2/")) {
            return STORE;
        }
        if (p.startsWith("euid/")) {
            return EUID;
        }
        if (p.startsWith("leaks/")) {
            return LEAKS;
        }
        return p.startsWith("api/") ? MANAGEMENT : OTHER;
    }
}
