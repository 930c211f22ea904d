package dev.keyward.web;

import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.TenantFixtures.Issued;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Eventually.pause;
import static dev.keyward.it.Http.body;
import static dev.keyward.it.Http.clientCredentials;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.Store.implicitToken;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow request bodies hold no worker thread: more strangers than the server has workers announce a token request
 * body, or a store request body up to the API's limit, and trickle it in a byte at a time, and meanwhile everyone else's token and management requests are answered
 * at their usual speed. The bodies are read by the server's I/O threads, without blocking, before a worker sees them.
 */
class SlowClientsIT {

    /** More than WildFly's workers on this machine (16 per core); bench/faults sends more, for longer. */
    static final int ATTACKERS = Integer.getInteger("keyward.it.slow.clients", 80);
    static final long ATTACK_MILLIS = Duration.parse(System.getProperty("keyward.it.slow.duration", "PT8S")).toMillis();
    static final long ANSWER_WITHIN_MILLIS = 3_000;

    @Test
    void bodiesTricklingInAByteAtATimeDoNotStopAnyoneElse() throws Exception {
        String store = tenant("elastic-path", "alice", "admin");
        Issued c = credential(store, "alice", body("name", "busy day"));
        assertEquals(200, clientCredentials(c.clientId(), c.secret()).status());
        Http.token("alice");

        URI keyward = URI.create(Http.KEYWARD);
        List<Socket> attackers = new ArrayList<>();
        try {
            String implicit = implicitToken(c.clientId()); // anyone can have one: a storefront's client ID is public
            for (int i = 0; i < ATTACKERS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(keyward.getHost(), keyward.getPort()), 5_000);
                // half announce a small token request, half a 30 000-byte store request with a valid token: both
                // bodies are read whole by the I/O threads before a worker sees them
                String request = i % 2 == 0
                        ? "POST /oauth/access_token HTTP/1.1\r\nHost: " + keyward.getAuthority()
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ng"
                        : "POST /v2/customers/tokens HTTP/1.1\r\nHost: " + keyward.getAuthority() + "\r\nAuthorization: Bearer "
                        + implicit + "\r\nContent-Type: application/json\r\nContent-Length: 30000\r\n\r\n{";
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                attackers.add(s);
            }
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                long end = System.currentTimeMillis() + ATTACK_MILLIS;
                while (System.currentTimeMillis() < end) {
                    for (Socket s : attackers) {
                        try {
                            OutputStream out = s.getOutputStream();
                            out.write('r');
                            out.flush();
                        } catch (IOException closedByServer) {
                            // a server that gives up on a stalled body is fine too
                        }
                    }
                    pause(500);
                }
            });
            pause(1_000);

            long until = System.currentTimeMillis() + ATTACK_MILLIS - 2_500;
            for (int answered = 0; answered < 10 || System.currentTimeMillis() < until; answered++) {
                long start = System.nanoTime();
                Answer token = clientCredentials(c.clientId(), c.secret());
                Answer credentials = Http.get(tenantPath(store, "credentials"), "alice");
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(200, token.status(), token.toString());
                assertEquals(200, credentials.status(), credentials.toString());
                assertTrue(took < ANSWER_WITHIN_MILLIS, "answered in " + took + " ms while " + ATTACKERS + " bodies trickle in");
            }
            assertTrue(!trickle.isDone(), "the attack was still going on while the others were answered");
            System.out.printf("slow bodies: %d connections trickling for %d ms, every other request answered in time%n",
                    ATTACKERS, ATTACK_MILLIS);
            trickle.get(ATTACK_MILLIS + 5_000, TimeUnit.MILLISECONDS);
        } finally {
            for (Socket s : attackers) {
                s.close();
            }
        }
    }
}
