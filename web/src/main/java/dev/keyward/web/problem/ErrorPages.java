package dev.keyward.web.problem;

import dev.keyward.web.SharedJsonb;
import dev.keyward.web.security.NoSniff;
import dev.keyward.web.surface.Surface;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import dev.keyward.web.platform.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        Response answer = ProblemMapper.write(ProblemMapper.ofStatus(status, null), Surface.of(null, path), Validation.shortened(path),
                RequestIds.of(request));
        response.resetBuffer();
        response.setStatus(status);
        for (Map.Entry<String, List<String>> header : answer.getStringHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                continue;
            }
            for (String value : header.getValue()) {
                response.addHeader(header.getKey(), value);
            }
        }
        MediaType type = answer.getMediaType();
        response.setContentType(type == null ? Problem.MEDIA_TYPE : type.toString());
        response.setHeader(NoSniff.HEADER, "nosniff");
        byte[] body = SharedJsonb.jsonb().toJson(answer.getEntity()).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
