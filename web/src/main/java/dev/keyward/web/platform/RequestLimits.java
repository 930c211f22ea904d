package dev.keyward.web.platform;

import dev.keyward.web.problem.ErrorPages;
import dev.keyward.web.security.BodyLimit;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSourceChannel;

/**
 * Keyward's limits on a request's head, answered in the format of the surface the address belongs to before the
 * servlet container reads the request: a request target of at most {@value #MAX_TARGET_BYTES} bytes (else 414), at
 * most {@value #MAX_FIELDS} header fields, {@value #MAX_HEAD_BYTES} bytes of request line and headers together and
 * {@value #MAX_COOKIES} cookies (else 431). No request of Keyward's needs more.
 * <p>
 * The servlet container must not see such a request first: it parses every cookie when it looks for a session, and
 * past its own cookie limit that was a 500 with three stack traces in the log. WildFly's HTTP parser keeps limits of
 * its own, set well above these in {@code keyward.cli} (for HTTP/1.1 and HTTP/2) so that what exceeds Keyward's
 * reaches this handler; a request past the parser's limits is cut off by the parser (an empty 400, or HTTP/2's
 * GOAWAY).
 */
public class RequestLimits implements ServletExtension {

    static final int MAX_TARGET_BYTES = 8 * 1024;
    static final int MAX_FIELDS = 100;
    static final int MAX_HEAD_BYTES = 64 * 1024;
    static final int MAX_COOKIES = 200;

    /** A limit the request went past: its status and words. */
    private record Exceeded(int status, String type, String title, String detail) {
    }

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        ClassLoader application = deployment.getClassLoader();
        deployment.addInitialHandlerChainWrapper(next -> new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) throws Exception {
                Exceeded exceeded = exceeded(exchange);
                if (exceeded == null) {
                    next.handleRequest(exchange);
                } else if (exchange.isInIoThread()) {
                    exchange.dispatch(this); // answered by a worker, as every other answer is
                } else {
                    refuse(exchange, exceeded, application);
                }
            }
        });
    }

    private static Exceeded exceeded(HttpServerExchange exchange) {
        String query = exchange.getQueryString();
        int target = exchange.getRequestURI().length() + (query == null || query.isEmpty() ? 0 : query.length() + 1);
        if (target > MAX_TARGET_BYTES) {
            return new Exceeded(414, "uri-too-long", "URI too long",
                    "A request's address, query included, may be at most " + MAX_TARGET_BYTES + " bytes long.");
        }
        int fields = 0;
        long bytes = exchange.getRequestMethod().length() + target + exchange.getProtocol().length() + 4;
        int cookies = 0;
        for (HeaderValues header : exchange.getRequestHeaders()) {
            fields += header.size();
            int separatorBytes = header.getHeaderName().length() + 4; // "Name: value\r\n"
            boolean cookie = header.getHeaderName().equals(Headers.COOKIE);
            for (String value : header) {
                bytes += separatorBytes + value.length();
                cookies += cookie ? cookiesIn(value) : 0;
            }
        }
        if (fields > MAX_FIELDS || bytes > MAX_HEAD_BYTES || cookies > MAX_COOKIES) {
            return new Exceeded(431, "headers-too-large", "Request header fields too large",
                    "A request may carry at most " + MAX_FIELDS + " header fields, " + MAX_HEAD_BYTES / 1024
                            + " KiB of request line and headers, and " + MAX_COOKIES + " cookies.");
        }
        return null;
    }

    /** The cookies a header's value may hold, counted high: pairs are separated by ';' (and by ',' by old clients). */
    private static int cookiesIn(String cookieHeader) {
        int n = 1;
        for (int i = 0; i < cookieHeader.length(); i++) {
            char c = cookieHeader.charAt(i);
            if (c == ';' || c == ',') {
                n++;
            }
        }
        return n;
    }

    /**
     * Reads (and drops) what has come of the request's body, up to {@link BodyLimit#MAX_DROPPED_BYTES}, without waiting
     * for more, as the servlet container does before it answers: WildFly's buffering filter has read the start of the
     * body into pooled buffers, which Undertow frees when the answer is complete and would then read again to drain the
     * request (a stack trace in the log). A body still coming after that ends with the connection.
     */
    private static void readWhatCameOfTheBody(HttpServerExchange exchange) throws IOException {
        StreamSourceChannel body = exchange.getRequestChannel();
        if (body == null) {
            return;
        }
        ByteBuffer dropped = ByteBuffer.allocate(8192);
        long total = 0;
        for (int n; total <= BodyLimit.MAX_DROPPED_BYTES && (n = body.read(dropped.clear())) > 0; ) {
            total += n;
        }
        if (total > BodyLimit.MAX_DROPPED_BYTES) {
            exchange.setPersistent(false);
        }
    }

    /** Answers in the surface's format, with the application's class loader (as the servlet container would set it). */
    private static void refuse(HttpServerExchange exchange, Exceeded exceeded, ClassLoader application) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader was = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            readWhatCameOfTheBody(exchange);
            String requestId = RequestIds.assign(exchange.getRequestHeaders().getFirst(RequestIds.HEADER));
            ErrorPages.Page page = ErrorPages.page(exceeded.status(), exceeded.type(), exceeded.title(), exceeded.detail(),
                    exchange.getRequestURI(), requestId);
            exchange.setStatusCode(page.status());
            page.headers().forEach((name, values) -> exchange.getResponseHeaders().putAll(HttpString.tryFromString(name), values));
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, page.contentType());
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, page.body().length);
            exchange.getResponseSender().send(ByteBuffer.wrap(page.body()));
        } finally {
            thread.setContextClassLoader(was);
        }
    }
}
