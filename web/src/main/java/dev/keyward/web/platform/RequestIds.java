package dev.keyward.web.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every request's ID: the caller's {@code X-Request-Id} when it is a plain token (so that a load balancer's or a
 * client's ID follows the request through), else one of this server's. It is answered in {@code X-Request-Id}, written
 * into problem+json bodies ({@code requestId}), and put in the logging context ({@code requestId}), so that a log line
 * written for a request names it.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIds extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** This server's IDs: a random prefix per start and a counter, unique without a random draw per request. */
    private static final String PREFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private static final AtomicLong NEXT = new AtomicLong();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = assign(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    /** The ID of a request whose {@code X-Request-Id} said {@code given} (null if it said nothing). */
    public static String assign(String given) {
        return given != null && ACCEPTED.matcher(given).matches() ? given : PREFIX + "-" + Long.toHexString(NEXT.incrementAndGet());
    }

    /** The ID of {@code request}, if the filter saw it. */
    public static String of(HttpServletRequest request) {
        Object id = request == null ? null : request.getAttribute(ATTRIBUTE);
        return id instanceof String s ? s : null;
    }
}
