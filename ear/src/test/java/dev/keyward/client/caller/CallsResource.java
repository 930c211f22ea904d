package dev.keyward.client.caller;

import dev.keyward.client.ClientProof;
import dev.keyward.client.KeywardAuthentication;
import dev.keyward.client.KeywardTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * What the caller application does for the test: calls Keyward's store API through {@link KeywardAuthentication}, many
 * threads at once, and says how the calls went and how many tokens it fetched; and, as a resource server, answers its
 * {@link Guarded} resource.
 */
@Path("calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    /**
     * {@code {issuer, clientId, secret | privateJwk, dpopJwk?, threads, calls, revokeHalfway?}}: the calls' statuses counted,
     * and the token fetches. With {@code revokeHalfway}, once half the calls are done the current token is revoked at
     * Keyward, so that the next call meets a 401 and the filter must fetch a new token and send it again.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject call(JsonObject order) throws Exception {
        URI issuer = URI.create(order.getString("issuer"));
        String clientId = order.getString("clientId");
        ClientProof proof = order.containsKey("secret") ? ClientProof.secret(clientId, order.getString("secret"))
                : ClientProof.privateKey(clientId, PublicJsonWebKey.Factory.newPublicJwk(order.getString("privateJwk")).getPrivateKey(),
                        PublicJsonWebKey.Factory.newPublicJwk(order.getString("privateJwk")).getKeyId());
        KeywardTokens.Builder builder = KeywardTokens.issuer(issuer).proof(proof);
        if (order.containsKey("dpopJwk")) {
            builder.dpop(PublicJsonWebKey.Factory.newPublicJwk(order.getString("dpopJwk")));
        }
        KeywardTokens tokens = builder.build();
        Client client = ClientBuilder.newClient().register(new KeywardAuthentication(tokens));
        int threads = order.getInt("threads");
        int calls = order.getInt("calls");
        boolean revokeHalfway = order.getBoolean("revokeHalfway", false);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runCalls(pool, client, issuer, threads, calls / 2, statuses);
            String type = tokens.token().type();
            if (revokeHalfway) {
                revoke(issuer, order, tokens.token().value());
            }
            runCalls(pool, client, issuer, threads, calls - calls / 2, statuses);
            Map<String, Integer> counted = new TreeMap<>();
            statuses.forEach((status, n) -> counted.put(String.valueOf(status), n.get()));
            JsonObjectBuilder answer = Json.createObjectBuilder().add("fetches", tokens.fetches()).add("tokenType", type);
            JsonObjectBuilder byStatus = Json.createObjectBuilder();
            counted.forEach(byStatus::add);
            return answer.add("statuses", byStatus).build();
        } finally {
            pool.shutdownNow();
            client.close();
        }
    }

    private static void runCalls(ExecutorService pool, Client client, URI issuer, int threads, int calls,
                                 Map<Integer, AtomicInteger> statuses) throws Exception {
        AtomicInteger left = new AtomicInteger(calls);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    try (Response r = client.target(issuer).path("v2/products").request(MediaType.APPLICATION_JSON).get()) {
                        r.readEntity(String.class);
                        statuses.computeIfAbsent(r.getStatus(), s -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** Revokes the token at Keyward, as a credential's holder would (RFC 7009). */
    private static void revoke(URI issuer, JsonObject order, String token) {
        Client plain = ClientBuilder.newClient();
        try (Response r = plain.target(issuer).path("oauth/revoke").request()
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (order.getString("clientId") + ":" + order.getString("secret")).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .post(Entity.form(new Form("token", token)))) {
            if (r.getStatus() != 200) {
                throw new IllegalStateException("revocation answered " + r.getStatus());
            }
        } finally {
            plain.close();
        }
    }

    /** {@code {issuer, clientId, secret}}: the resource server's settings, and the credential it introspects with. */
    @POST
    @Path("guard")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response guard(JsonObject settings) {
        Guard.configure(URI.create(settings.getString("issuer")), settings.getString("clientId"), settings.getString("secret"));
        return Response.noContent().build();
    }

    /** The guarded resource: which client's token opened it, and whether it may read products. */
    @GET
    @Path("guarded")
    @Guarded
    public JsonObject guarded(@Context SecurityContext caller) {
        return Json.createObjectBuilder().add("clientId", caller.getUserPrincipal().getName())
                .add("readsProducts", caller.isUserInRole("products:read")).build();
    }
}
