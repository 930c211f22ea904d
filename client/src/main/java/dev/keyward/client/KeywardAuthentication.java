package dev.keyward.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * A JAX-RS client filter that puts a Keyward access token on every request ({@code Authorization: Bearer …}, or for tokens
 * bound to a key {@code DPoP …} with a fresh proof), from {@link KeywardTokens}: one token request per token lifetime, not
 * per call. When the resource server answers 401 because the token is no longer valid (revoked, say) or wants a DPoP nonce,
 * the request is sent once more with a new token or the nonce, and the caller sees that second answer.
 *
 * <pre>
 * KeywardTokens tokens = KeywardTokens.issuer(URI.create("https://keyward.example.com"))
 *         .proof(ClientProof.secret(clientId, secret)).build();
 * Client client = ClientBuilder.newClient().register(new KeywardAuthentication(tokens));
 * </pre>
 */
public class KeywardAuthentication implements ClientRequestFilter, ClientResponseFilter {

    private static final String TOKEN = KeywardAuthentication.class.getName() + ".token";
    private static final String RETRY = KeywardAuthentication.class.getName() + ".retry";

    private final KeywardTokens tokens;

    public KeywardAuthentication(KeywardTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ClientRequestContext request) {
        KeywardTokens.Token token = tokens.token();
        request.setProperty(TOKEN, token.value());
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, token.type() + " " + token.value());
        if (tokens.bound()) {
            request.getHeaders().putSingle("DPoP", tokens.proof(request.getMethod(), request.getUri(), token.value()));
        }
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() != 401 || request.getProperty(RETRY) != null) {
            return;
        }
        String challenge = String.valueOf(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).toLowerCase(Locale.ROOT);
        if (challenge.contains("use_dpop_nonce")) {
            tokens.nonce(response.getHeaderString("DPoP-Nonce"));
        } else if (challenge.contains("invalid_token")) {
            tokens.invalidate((String) request.getProperty(TOKEN));
        } else {
            return;
        }
        WebTarget target = request.getClient().target(request.getUri());
        if (!target.getConfiguration().isRegistered(this)) {
            target = target.register(this);
        }
        Invocation.Builder again = target.request().property(RETRY, true);
        request.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION) && !name.equalsIgnoreCase("DPoP")) {
                values.forEach(v -> again.header(name, v));
            }
        });
        Response second = request.hasEntity()
                ? again.method(request.getMethod(), Entity.entity(request.getEntity(), request.getMediaType()))
                : again.method(request.getMethod());
        response.setStatus(second.getStatus());
        response.getHeaders().clear();
        second.getStringHeaders().forEach((name, values) -> response.getHeaders().put(name, List.copyOf(values)));
        response.setEntityStream(second.readEntity(InputStream.class));
    }
}
