package dev.keyward.webhook.control;

import dev.keyward.domain.audit.AuditEvent;
import dev.keyward.domain.credential.ClientCredential;
import dev.keyward.domain.credential.CredentialKind;
import dev.keyward.domain.member.TeamMember;
import dev.keyward.domain.webhook.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security Event Tokens (RFC 8417) for the events a SET receiver asks for, in the OpenID CAEP shapes: a credential's
 * change ({@code credential-change}: created, updated by a rotation or re-enabling, revoked by a revocation, a disabling,
 * an expiry, its owner's suspension or a leak report) and a token's revocation ({@code session-revoked}). The subject is
 * what a resource server sees in Keyward's tokens: the client ID ({@code client_id}), the owner's Keycloak subject
 * ({@code owner}) for a suspension, the token's {@code jti} for a token. The claims are written into the outbox with the
 * event; they are signed when sent.
 */
@ApplicationScoped
public class SecurityEvents {

    public static final String TYPE = "secevent+jwt";
    static final String CREDENTIAL_CHANGE = "https://schemas.openid.net/secevent/caep/event-type/credential-change";
    static final String SESSION_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    /** CAEP's change_type for each credential event. */
    private static final Map<String, String> CHANGES = Map.of("credential.created", "create", "credential.rotated", "update",
            "credential.enabled", "update", "credential.expired", "revoke", "credential.disabled", "revoke", "credential.revoked", "revoke",
            "credential.suspended", "revoke", "credential.leaked", "revoke");

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String issuer;

    /**
     * The SET's claims for {@code event} (of webhook type {@code type}) to {@code endpoint}, unsigned; {@code jti} is its
     * delivery's id, by which a polling receiver acknowledges it. The audience is the receiver's URL, or, for one that polls,
     * its poll URL.
     */
    public JsonObject claims(WebhookEndpoint endpoint, AuditEvent event, String type, String jti) {
        long at = event.occurredAt().getEpochSecond();
        JsonObjectBuilder body = Json.createObjectBuilder().add("event_timestamp", at)
                .add("initiating_entity", initiatingEntity(type));
        JsonObjectBuilder subject = Json.createObjectBuilder().add("format", "opaque");
        String eventType;
        if ("token.revoked".equals(type)) {
            eventType = SESSION_REVOKED;
            subject.add("id", event.targetId());
            body.add("client_id", event.actorUsername());
        } else if ("credential.suspended".equals(type)) {
            eventType = CREDENTIAL_CHANGE;
            TeamMember owner = em.find(TeamMember.class, event.targetId());
            subject.add("id", owner == null ? event.targetId() : owner.subject());
            body.add("credential_type", "client_secret").add("change_type", CHANGES.get(type))
                    .add("reason_admin", Json.createObjectBuilder().add("en", "Every credential of this owner is suspended: "
                            + (event.detail() == null ? "" : event.detail())));
        } else {
            eventType = CREDENTIAL_CHANGE;
            ClientCredential credential = em.find(ClientCredential.class, event.targetId());
            subject.add("id", credential == null ? event.targetId() : credential.clientId());
            body.add("credential_type", credentialType(credential)).add("change_type", CHANGES.get(type));
            if (event.detail() != null) {
                body.add("reason_admin", Json.createObjectBuilder().add("en", event.detail()));
            }
        }
        body.add("keyward_event", type).add("tenant", endpoint.tenant().slug());
        return Json.createObjectBuilder()
                .add("iss", issuer)
                .add("jti", jti)
                .add("iat", at)
                .add("aud", endpoint.pushes() ? endpoint.url() : issuer + endpoint.pollPath())
                .add("txn", event.id())
                .add("sub_id", subject)
                .add("events", Json.createObjectBuilder().add(eventType, body))
                .build();
    }

    /** Stored claims, read back to be signed. */
    public static JsonObject stored(String claims) {
        try (JsonReader reader = Json.createReader(new StringReader(claims))) {
            return reader.readObject();
        }
    }

    /** How the credential proves itself: its secret, its key, or (EUID) its API key. */
    private static String credentialType(ClientCredential credential) {
        if (credential == null) {
            return "client_secret";
        }
        if (credential.kind() == CredentialKind.EUID_KEY) {
            return "api_key";
        }
        return credential.publicKeys() != null ? "private_key_jwt" : "client_secret";
    }

    private static String initiatingEntity(String type) {
        return switch (type) {
            case "credential.expired", "credential.leaked", "credential.suspended" -> "system";
            case "token.revoked" -> "user";
            default -> "admin";
        };
    }
}
