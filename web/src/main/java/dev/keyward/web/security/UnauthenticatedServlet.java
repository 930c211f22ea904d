package dev.keyward.web.security;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of the 401 the server itself sends when MicroProfile JWT rejects a bearer token (expired, wrong
 * issuer, bad signature) before the API is reached: the same problem the API sends for a missing token,
 * instead of the server's HTML page. Mapped as the 401 error page in web.xml.
 */
@WebServlet(urlPatterns = "/errors/unauthenticated")
public class UnauthenticatedServlet extends HttpServlet {

    private static final String BODY = "{\"type\":\"https://keyward.dev/problems/unauthenticated\",\"title\":\"Authentication required\","
            + "\"status\":401,\"detail\":\"The bearer token is not valid: it may have expired, or not come from the keyward realm.\"}";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(401);
        response.setHeader("Content-Type", "application/problem+json");
        response.setHeader("WWW-Authenticate", "Bearer realm=\"keyward\", error=\"invalid_token\"");
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
