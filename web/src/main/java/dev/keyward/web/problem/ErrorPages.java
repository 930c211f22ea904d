package dev.keyward.web.problem;

import dev.keyward.web.SharedJsonb;
import dev.keyward.web.platform.RequestIds;
import dev.keyward.web.security.NoSniff;
import dev.keyward.web.surface.Surface;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors the server gives before Keyward's error mapper can: a path that is not valid percent-encoded UTF-8,
 * a {@code Content-Type} or {@code Accept} header that cannot be parsed, and the like, which the servlet container or
 * JAX-RS refuse while reading the request. {@code web.xml} sends them here, and they are answered in the format of the
 * surface the address belongs to, as every other error is, instead of the container's HTML page. The request's own
 * headers are not read again: they may be what was wrong.
 */
@WebServlet(urlPatterns = ErrorPages.PATH)
public class ErrorPages extends HttpServlet {

    static final String PATH = "/_error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c ? c : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        page(ProblemMapper.ofStatus(status, null), path, RequestIds.of(request)).writeTo(response);
    }

    /**
     * Answers a request served by a plain servlet (not JAX-RS) that failed with {@code thrown}, as Keyward's error mapper
     * answers any other: in its surface's format, with the same status, headers and words.
     */
    public static void answer(Throwable thrown, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        page(ProblemMapper.answer(thrown, request, path), RequestIds.of(request)).writeTo(response);
    }

    /**
     * An error answered outside JAX-RS, whole: its headers (but the content type), content type and body, in the
     * format of the surface {@code path} belongs to. For the servlet above, for the endpoints served as plain servlets
     * ({@link #answer}) and for {@code RequestLimits}, which answers before the servlet container reads the request.
     */
    public record Page(int status, Map<String, List<String>> headers, String contentType, byte[] body) {

        /** Writes this page as the whole answer, in place of anything buffered. */
        void writeTo(HttpServletResponse response) throws IOException {
            response.resetBuffer();
            response.setStatus(status);
            headers.forEach((name, values) -> {
                response.setHeader(name, values.get(0)); // the request-ID filter has set its header already
                values.stream().skip(1).forEach(value -> response.addHeader(name, value));
            });
            response.setContentType(contentType);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** The page for a refusal of the request to {@code path}, of this status, type slug and words. */
    public static Page page(int status, String type, String title, String detail, String path, String requestId) {
        return page(Failure.of(status, type, title, detail), path, requestId);
    }

    private static Page page(Failure failure, String path, String requestId) {
        return page(ProblemMapper.write(failure, Surface.of(null, path), Validation.shortened(path), requestId), requestId);
    }

    private static Page page(Response answer, String requestId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                headers.put(name, values);
            }
        });
        headers.put(NoSniff.HEADER, List.of("nosniff"));
        if (requestId != null) {
            headers.put(RequestIds.HEADER, List.of(requestId));
        }
        MediaType type = answer.getMediaType();
        byte[] body = SharedJsonb.jsonb().toJson(answer.getEntity()).getBytes(StandardCharsets.UTF_8);
        return new Page(answer.getStatus(), headers, type == null ? Problem.MEDIA_TYPE : type.toString(), body);
    }
}
