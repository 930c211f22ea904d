package dev.keyward.web.token;

import dev.keyward.token.boundary.AccessTokens;
import dev.keyward.web.platform.RequestIds;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.util.Methods;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.Collectors;
import org.xnio.channels.StreamSourceChannel;

/**
 * Answers introspection on the I/O thread that read the request, when memory alone can answer it: a resource server
 * asks about the same live tokens again and again, and handing each request to a request thread cost more than
 * answering it (measured: about 22 µs of processor time a request on two cores, the servlet container's whole cost
 * being about 5 µs more). Everything else (a refusal, a token or credential not in memory, a request that is not plain)
 * gets back what was read of its body and goes on to {@link IntrospectionEndpoint}, which reads it and answers as it
 * always did.
 * <p>
 * Nothing here blocks: the body is read as far as it has come (WildFly's buffering filter has read it already), and
 * every lookup is one of memory ({@code AccessTokens#introspectInMemory}).
 */
public class IntrospectionOnIoThread implements ServletExtension {

    /** {@link IntrospectionEndpoint#ANSWER_HEADERS} as Undertow's header names, made once rather than on every answer. */
    private static final Map<HttpString, String> ANSWER_HEADERS = IntrospectionEndpoint.ANSWER_HEADERS.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(header -> HttpString.tryFromString(header.getKey()), Map.Entry::getValue));
    private static final HttpString REQUEST_ID = HttpString.tryFromString(RequestIds.HEADER);

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        ClassLoader application = deployment.getClassLoader();
        deployment.addInitialHandlerChainWrapper(next -> exchange -> {
            if (!exchange.isInIoThread() || !exchange.getRequestMethod().equals(Methods.POST)
                    || !exchange.getRelativePath().equals(AccessTokens.INTROSPECTION_PATH) || !exchange.getQueryString().isEmpty()
                    || exchange.getRequestHeaders().contains(Headers.EXPECT)
                    || !(context.getAttribute(IntrospectionEndpoint.READY) instanceof IntrospectionEndpoint endpoint)) {
                next.handleRequest(exchange);
                return;
            }
            byte[] body = bodyAsFarAsItCame(exchange);
            byte[] answer = body == null ? null : answer(endpoint, exchange, body, application);
            if (answer == null) {
                if (body != null) {
                    giveBack(exchange, body);
                }
                next.handleRequest(exchange);
                return;
            }
            ANSWER_HEADERS.forEach(exchange.getResponseHeaders()::put);
            exchange.getResponseHeaders().put(REQUEST_ID, RequestIds.assign(exchange.getRequestHeaders().getFirst(REQUEST_ID)));
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, answer.length);
            exchange.getResponseSender().send(ByteBuffer.wrap(answer));
        });
    }

    private static byte[] answer(IntrospectionEndpoint endpoint, HttpServerExchange exchange, byte[] body, ClassLoader application) {
        Thread thread = Thread.currentThread();
        ClassLoader was = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            return endpoint.answerFromMemory(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE),
                    exchange.getRequestHeaders().getFirst(Headers.ACCEPT), exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), body);
        } catch (RuntimeException unexpected) {
            return null; // the servlet answers, and its error mapper says what went wrong
        } finally {
            thread.setContextClassLoader(was);
        }
    }

    /**
     * The whole body when it has all come and is within the limit; else null, with what was read of it given back (a
     * request without a body names no token: null too, nothing read).
     */
    private static byte[] bodyAsFarAsItCame(HttpServerExchange exchange) throws IOException {
        if (exchange.isRequestComplete()) {
            return null;
        }
        StreamSourceChannel channel = exchange.getRequestChannel();
        if (channel == null) {
            return null;
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream(512);
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        int n;
        do {
            n = channel.read(buffer.clear());
            if (n > 0) {
                read.write(buffer.array(), 0, n);
            }
        } while (n > 0 && read.size() <= OAuthBodyLimit.MAX_BYTES);
        byte[] body = read.toByteArray();
        if (n < 0 && body.length <= OAuthBodyLimit.MAX_BYTES) {
            return body;
        }
        giveBack(exchange, body);
        return null;
    }

    /** Puts back what was read of the body, for the servlet to read as if nothing had. */
    private static void giveBack(HttpServerExchange exchange, byte[] body) {
        if (body.length > 0) {
            Connectors.ungetRequestBytes(exchange, new ImmediatePooledByteBuffer(ByteBuffer.wrap(body)));
        }
        Connectors.resetRequestChannel(exchange);
    }
}
