package dev.keyward.euid.boundary;

import dev.keyward.credential.control.CachedEuidKey;
import dev.keyward.credential.control.CredentialCache;
import dev.keyward.credential.control.SecretFormat;
import dev.keyward.credential.control.SecretHasher;
import dev.keyward.credential.control.UsageLog;
import dev.keyward.domain.credential.Permission;
import dev.keyward.domain.euid.EuidIdentity;
import dev.keyward.domain.tenant.DpopRule;
import dev.keyward.euid.control.EnvelopeException;
import dev.keyward.euid.control.EuidEnvelope;
import dev.keyward.euid.control.EuidTokens;
import dev.keyward.euid.control.ReplayMemory;
import dev.keyward.euid.control.SaltBuckets;
import dev.keyward.platform.control.ServerKeys;
import dev.keyward.throttle.RateUsage;
import dev.keyward.throttle.control.RateLimits;
import dev.keyward.throttle.control.Throttles;
import dev.keyward.token.boundary.DpopRequest;
import dev.keyward.token.control.DpopProofs;
import dev.keyward.token.control.DpopVerifier;
import dev.keyward.platform.control.Tallies;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The EUID operator's participant endpoints, on the wire as the operator and its SDKs define them. Each call: the API
 * key (the bearer) names the key, which must be usable and hold the endpoint's role; the body is the envelope, opened
 * with the key's client secret (or the previous one during a rotation's grace), checked in the operator's order and
 * against replay; the answer is sealed under the secret that opened the request, with the request's nonce.
 *
 * <p>A plain CDI bean on the hot path, like the token endpoint: keys come from a cache, and nothing is written but
 * "last used", in the background.
 */
@ApplicationScoped
public class EuidOperator {

    /** The endpoints and the role each needs. */
    public enum Endpoint {
        TOKEN_GENERATE(Permission.EUID_GENERATOR),
        TOKEN_VALIDATE(Permission.EUID_GENERATOR),
        IDENTITY_MAP_V2(Permission.EUID_MAPPER),
        IDENTITY_MAP_V3(Permission.EUID_MAPPER),
        IDENTITY_BUCKETS(Permission.EUID_MAPPER);

        private final Permission role;

        Endpoint(Permission role) {
            this.role = role;
        }
    }

    /** An answer's body (base64 text, or raw bytes when the request was), and the key's rate-limit fields. */
    public record Answer(byte[] body, boolean binary, RateUsage rate) {
    }

    static final int MAX_IDENTITIES = 5_000;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final DateTimeFormatter LAST_UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final Set<String> IDENTITY_FIELDS = Set.of("email", "email_hash", "phone", "phone_hash");
    private static final Set<String> GENERATE_FIELDS = Set.of("email", "email_hash", "phone", "phone_hash", "tcf_consent_string", "policy", "optout_check");
    private static final Set<String> MAP_FIELDS = Set.of("email", "email_hash", "phone", "phone_hash", "policy", "optout_check");
    private static final Set<String> VALIDATE_FIELDS = Set.of("token", "email", "email_hash", "phone", "phone_hash");
    private static final List<String> V3_TYPES = List.of("email", "email_hash", "phone", "phone_hash");

    @Inject
    CredentialCache keys;

    @Inject
    SecretHasher hasher;

    @Inject
    Throttles throttles;

    @Inject
    RateLimits rates;

    @Inject
    UsageLog usage;

    @Inject
    ServerKeys serverKeys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keyward.euid.salt-buckets", defaultValue = "1024")
    int bucketCount;

    @Inject
    @ConfigProperty(name = "keyward.euid.salt-rotation-per-day", defaultValue = "0.01")
    double rotationPerDay;

    @Inject
    @ConfigProperty(name = "keyward.euid.replay.per-key", defaultValue = "240000")
    int replayPerKey;

    @Inject
    Tallies tallies;

    @Inject
    DpopVerifier dpopVerifier;

    /** Keyward's public URL, under which a DPoP proof names the endpoint ({@code htu}). */
    @Inject
    @ConfigProperty(name = "keyward.issuer")
    String keywardUrl;

    private static final String REPLAY_TALLY = "euid-envelopes";

    private SaltBuckets salts;
    private EuidTokens tokens;
    private ReplayMemory replays;

    /** Salts count from the start of 2026: a fixed epoch, the same on every server. */
    static final Instant SALT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** Made when the application starts, not on the first request: the replay memory's start is the server's. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // creating the bean is the point
    }

    @PostConstruct
    void init() {
        byte[] root = serverKeys.euidRootKey();
        salts = new SaltBuckets(root, bucketCount, rotationPerDay, SALT_EPOCH);
        tokens = new EuidTokens(root);
        replays = new ReplayMemory(EuidEnvelope.WINDOW, replayPerKey, clock.instant());
    }

    /**
     * Envelopes another cluster member accepted: remembered here too, so that a replay sent to this server is refused
     * (once the member's tally has arrived, within {@link Tallies#EVERY}).
     */
    void acceptedElsewhere(@Observes Tallies.Counted counted) {
        if (!counted.counter().equals(REPLAY_TALLY)) {
            return;
        }
        Instant now = clock.instant();
        counted.byKey().keySet().forEach(seen -> {
            String[] keyNonceTime = seen.split(" ");
            if (keyNonceTime.length == 3) {
                replays.remember(keyNonceTime[0], Long.parseLong(keyNonceTime[1]), Long.parseLong(keyNonceTime[2]), now);
            }
        });
    }

    /** One enveloped call: authenticate (with the request's DPoP proof for a bound key), open, check, answer, seal. */
    public Answer call(Endpoint endpoint, String authorization, DpopRequest dpop, byte[] body, boolean binary, String address) {
        Instant now = clock.instant();
        CachedEuidKey key = authenticate(authorization, dpop, endpoint.role, address, now);
        RateUsage rate = rates.take(key.keyId(), key.rateLimit());
        EuidEnvelope.Opened request;
        try {
            request = EuidEnvelope.open(envelopeBytes(body, binary), key.clientSecretsAt(now), now);
        } catch (EnvelopeException e) {
            throw EuidError.clientError(e.getMessage());
        }
        switch (replays.remember(key.keyId(), request.nonce(), request.timestampMillis(), now)) {
            case REPLAYED -> throw EuidError.clientError("Replayed request: this envelope was accepted already. Send a new one, with a fresh nonce.");
            case BEFORE_MEMORY -> throw EuidError.clientError("Request was made before this server started; send it again with a fresh timestamp.");
            case FULL -> throw new EuidError(429, "client_error", "Too many requests within the last " + EuidEnvelope.WINDOW.toSeconds() * 2
                    + " s for this key's replay memory; slow down.");
            case FRESH -> {
                if (tallies.shared()) {
                    tallies.count(REPLAY_TALLY, key.keyId() + ' ' + request.nonce() + ' ' + request.timestampMillis(), 1);
                }
            }
        }
        JsonObject json = parse(request.json());
        JsonValue answer = switch (endpoint) {
            case TOKEN_GENERATE -> generate(key, json, now);
            case TOKEN_VALIDATE -> validate(key, json, now);
            case IDENTITY_MAP_V2 -> mapV2(key, json, now);
            case IDENTITY_MAP_V3 -> mapV3(key, json, now);
            case IDENTITY_BUCKETS -> buckets(json, now);
        };
        usage.used(key.keyId(), now);
        byte[] plain = success(answer).getBytes(StandardCharsets.UTF_8);
        byte[] sealed = EuidEnvelope.response(request.secret(), now, request.nonceBytes(), plain);
        return new Answer(binary ? sealed : Base64.getEncoder().encode(sealed), binary, rate);
    }

    /**
     * {@code /v2/token/refresh}: the refresh token is the body, in clear, and the credential itself (as the operator's,
     * it is called from browsers, without an API key); the answer is sealed under the refresh response key it carries.
     */
    public Answer refresh(byte[] body, String address) {
        Instant now = clock.instant();
        String token = new String(body, StandardCharsets.US_ASCII).strip();
        if (token.isEmpty()) {
            throw EuidError.clientError("The refresh token is the request body, and it is empty.");
        }
        EuidTokens.Refresh refresh = tokens.openRefresh(token)
                .orElseThrow(() -> throttles.bearerFailed(null, address, EuidError.clientError("Invalid refresh token.")));
        if (!now.isBefore(refresh.refreshExpires())) {
            throw EuidError.clientError("The refresh token has expired; generate a new identity.");
        }
        // beyond the operator: what a key generated stops refreshing once the key is disabled, revoked or no generator
        CachedEuidKey issuer = keys.findEuidKeyById(refresh.keyId()).filter(k -> k.refusal(now).isEmpty())
                .filter(k -> k.environment().equals(refresh.environment()))
                .filter(k -> k.roles().contains(Permission.EUID_GENERATOR)).orElseThrow(() -> EuidError.clientError(
                        "The key that generated this identity no longer generates; generate a new identity with a key that does."));
        EuidIdentity identity = new EuidIdentity(refresh.type(), refresh.identityHash());
        JsonObject answer = identityJson(issuer, identity, now);
        byte[] sealed = EuidEnvelope.refreshResponse(refresh.refreshResponseKey(), success(answer).getBytes(StandardCharsets.UTF_8));
        return new Answer(Base64.getEncoder().encode(sealed), false, RateUsage.UNLIMITED);
    }

    // ---- the endpoints ----------------------------------------------------------------------------------

    private JsonValue generate(CachedEuidKey key, JsonObject json, Instant now) {
        strict(json, GENERATE_FIELDS);
        optional(json, "tcf_consent_string", JsonValue.ValueType.STRING);
        optional(json, "policy", JsonValue.ValueType.NUMBER);
        optional(json, "optout_check", JsonValue.ValueType.NUMBER);
        return identityJson(key, oneIdentity(json), now);
    }

    private JsonValue validate(CachedEuidKey key, JsonObject json, Instant now) {
        strict(json, VALIDATE_FIELDS);
        String token = requiredString(json, "token");
        EuidIdentity identity = oneIdentity(json);
        // a participant validates the tokens it generated, never another's: else any generator key could test whose
        // token, taken from the bid stream, belongs to which e-mail address
        EuidTokens.Advertising advertising = tokens.openAdvertising(token, key.environment()).filter(t -> t.siteId() == key.siteId())
                .orElseThrow(() -> EuidError.clientError("Invalid token: not an advertising token this participant generated in this environment."));
        SaltBuckets.Mapping mapping = salts.map(key.environment(), identity.hash(), now);
        boolean same = advertising.type() == identity.type() && now.isBefore(advertising.expires())
                && (MessageDigest.isEqual(advertising.advertisingId(), mapping.advertisingId())
                || mapping.previousAdvertisingId() != null && MessageDigest.isEqual(advertising.advertisingId(), mapping.previousAdvertisingId()));
        return same ? JsonValue.TRUE : JsonValue.FALSE;
    }

    private JsonValue mapV2(CachedEuidKey key, JsonObject json, Instant now) {
        strict(json, MAP_FIELDS);
        optional(json, "policy", JsonValue.ValueType.NUMBER);
        optional(json, "optout_check", JsonValue.ValueType.NUMBER);
        List<String> present = identityFields(json);
        if (present.size() != 1) {
            throw EuidError.clientError("Exactly one of email, email_hash, phone and phone_hash is required, as a list.");
        }
        String field = present.get(0);
        JsonArray given = identifiers(json, field);
        Function<String, Optional<EuidIdentity>> reader = reader(field);
        JsonArrayBuilder mapped = JSON.createArrayBuilder();
        JsonArrayBuilder unmapped = JSON.createArrayBuilder();
        for (JsonValue v : given) {
            String identifier = ((JsonString) v).getString();
            Optional<EuidIdentity> identity = reader.apply(identifier);
            if (identity.isEmpty()) {
                unmapped.add(JSON.createObjectBuilder().add("identifier", identifier).add("reason", "invalid identifier"));
                continue;
            }
            SaltBuckets.Mapping m = salts.map(key.environment(), identity.get().hash(), now);
            mapped.add(JSON.createObjectBuilder().add("identifier", identifier)
                    .add("advertising_id", Base64.getEncoder().encodeToString(m.advertisingId())).add("bucket_id", m.bucketId()));
        }
        return JSON.createObjectBuilder().add("mapped", mapped).add("unmapped", unmapped).build();
    }

    private JsonValue mapV3(CachedEuidKey key, JsonObject json, Instant now) {
        strict(json, MAP_FIELDS);
        int total = 0;
        JsonObjectBuilder body = JSON.createObjectBuilder();
        for (String type : V3_TYPES) {
            JsonArray given = json.containsKey(type) ? identifiers(json, type) : JsonValue.EMPTY_JSON_ARRAY;
            total += given.size();
            if (total > MAX_IDENTITIES) {
                throw EuidError.clientError("At most " + MAX_IDENTITIES + " identities a request.");
            }
            Function<String, Optional<EuidIdentity>> reader = reader(type);
            JsonArrayBuilder results = JSON.createArrayBuilder();
            for (JsonValue v : given) {
                Optional<EuidIdentity> identity = reader.apply(((JsonString) v).getString());
                if (identity.isEmpty()) {
                    results.add(JSON.createObjectBuilder().add("e", "invalid identifier"));
                    continue;
                }
                SaltBuckets.Mapping m = salts.map(key.environment(), identity.get().hash(), now);
                JsonObjectBuilder r = JSON.createObjectBuilder().add("u", Base64.getEncoder().encodeToString(m.advertisingId()));
                if (m.previousAdvertisingId() == null) {
                    r.addNull("p");
                } else {
                    r.add("p", Base64.getEncoder().encodeToString(m.previousAdvertisingId()));
                }
                results.add(r.add("r", m.refreshFrom().getEpochSecond()));
            }
            body.add(type, results);
        }
        return body.build();
    }

    private JsonValue buckets(JsonObject json, Instant now) {
        strict(json, Set.of("since_timestamp"));
        String since = requiredString(json, "since_timestamp");
        Instant from;
        try {
            from = LocalDateTime.parse(since, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw EuidError.clientError("since_timestamp is not a date and time such as 2026-06-01T13:00:00.");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (SaltBuckets.Bucket b : salts.updatedSince(from, now)) {
            list.add(JSON.createObjectBuilder().add("bucket_id", b.bucketId()).add("last_updated", LAST_UPDATED.format(b.lastUpdated())));
        }
        return list.build();
    }

    // ---- pieces -------------------------------------------------------------------------------------------

    private JsonObject identityJson(CachedEuidKey key, EuidIdentity identity, Instant now) {
        String environment = key.environment();
        SaltBuckets.Mapping m = salts.map(environment, identity.hash(), now);
        byte[] responseKey = EuidTokens.newRefreshResponseKey();
        return JSON.createObjectBuilder()
                .add("advertising_token", tokens.advertisingToken(environment, key.siteId(), identity.type(), m.advertisingId(), now))
                .add("refresh_token", tokens.refreshToken(environment, key.siteId(), key.keyId(), identity, responseKey, now))
                .add("identity_expires", now.plus(EuidTokens.IDENTITY_LIFETIME).toEpochMilli())
                .add("refresh_expires", now.plus(EuidTokens.REFRESH_LIFETIME).toEpochMilli())
                .add("refresh_from", now.plus(EuidTokens.REFRESH_FROM).toEpochMilli())
                .add("refresh_response_key", Base64.getEncoder().encodeToString(responseKey))
                .build();
    }

    /**
     * The key the API key names, usable and holding {@code role}. As {@code Authorization: Bearer <API key>}, as at the
     * operator; a key bound to public keys, or any key of a participant that requires DPoP, only as
     * {@code Authorization: DPoP <API key>} with a proof for this request signed by one of its keys (RFC 9449 §7, the API key
     * in the place of an access token): a copied API key opens nothing without the private key. A request sealed with the
     * client secret still has to open after that. An unknown API key, a wrong one, and a key that may not be used or lacks
     * the role all get the operator's bare 401; each failure counts against the address's (and a known key's) budget.
     */
    private CachedEuidKey authenticate(String authorization, DpopRequest dpop, Permission role, String address, Instant now) {
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        boolean proven = authorization != null && authorization.regionMatches(true, 0, "DPoP ", 0, 5);
        String apiKey = bearer ? authorization.substring(7).strip() : proven ? authorization.substring(5).strip() : null;
        if (apiKey == null || apiKey.isEmpty()) {
            throw throttles.bearerFailed(null, address, EuidError.unauthorized());
        }
        byte[] presented = hasher.hash(apiKey);
        Optional<CachedEuidKey> found = SecretFormat.isWellFormedApiKey(apiKey) ? keys.findEuidKey(presented) : Optional.empty();
        CachedEuidKey key = found.filter(k -> k.matchesApiKey(presented, now)).orElse(null);
        if (key == null || key.refusal(now).isPresent() || !key.roles().contains(role) || key.clientSecretsAt(now).isEmpty()) {
            throw throttles.bearerFailed(key == null ? null : key.keyId(), address, EuidError.unauthorized());
        }
        DpopRule rule = key.dpop();
        if (!key.bound()) {
            if (rule.required()) {
                throw dpopRefused(key, address, "invalid_token", "This participant accepts only keys bound to a public key:"
                        + " register the key's public JWK (PUT its public-keys) and send a DPoP proof with every request.");
            }
            if (proven) {
                throw dpopRefused(key, address, "invalid_token", "This key is not bound to a public key: send it as 'Authorization: Bearer <API key>'.");
            }
            return key;
        }
        if (!proven) {
            throw dpopRefused(key, address, "invalid_token", "This key is bound to a public key: send it as 'Authorization: DPoP <API key>',"
                    + " with a DPoP proof signed by that key.");
        }
        DpopProofs.Proof proof;
        try {
            proof = dpopVerifier.verify(dpop.proofs(), dpop.method(), dpop.urls(keywardUrl), apiKey, rule.nonce());
        } catch (DpopProofs.Refused bad) {
            throw dpopRefused(key, address, bad.nonceWanted() ? "use_dpop_nonce" : "invalid_dpop_proof", "The DPoP proof was refused: " + bad.getMessage());
        }
        if (!key.proofKeys().contains(proof.jkt())) {
            throw dpopRefused(key, address, "invalid_dpop_proof", "The DPoP proof is signed by a key this key is not bound to.");
        }
        return key;
    }

    /** A known key refused for DPoP: reported against the key (never throttled), with a nonce where its participant asks for them. */
    private RuntimeException dpopRefused(CachedEuidKey key, String address, String error, String message) {
        return throttles.bearerFailed(key.keyId(), address, EuidError.dpopRefused(error, message, dpopVerifier.nonceFor(key.dpop())));
    }

    private static byte[] envelopeBytes(byte[] body, boolean binary) {
        if (body == null || body.length == 0) {
            throw EuidError.clientError("Request body is empty; it is the base64 of the encrypted envelope.");
        }
        if (binary) {
            return body;
        }
        try {
            return Base64.getDecoder().decode(new String(body, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException notBase64) {
            throw EuidError.clientError("Request body is not base64.");
        }
    }

    private static JsonObject parse(byte[] json) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw EuidError.clientError("The request JSON is not an object.");
            }
            return value.asJsonObject();
        } catch (RuntimeException e) { // JSON-P's parser signals numbers and nesting it will not read with other runtime exceptions
            throw EuidError.clientError("The request is not valid JSON.");
        }
    }

    private static void strict(JsonObject json, Set<String> known) {
        for (String field : json.keySet()) {
            if (!known.contains(field)) {
                throw EuidError.clientError("Unknown field '" + shortened(field) + "'.");
            }
        }
    }

    private static void optional(JsonObject json, String field, JsonValue.ValueType type) {
        if (json.containsKey(field) && json.get(field).getValueType() != type) {
            throw EuidError.clientError("'" + field + "' must be a " + type.name().toLowerCase(Locale.ROOT) + ".");
        }
    }

    private static String requiredString(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING) {
            throw EuidError.clientError("'" + field + "' is required, as a string.");
        }
        return ((JsonString) v).getString();
    }

    private static JsonArray identifiers(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw EuidError.clientError("'" + field + "' must be a list of strings.");
        }
        JsonArray list = v.asJsonArray();
        if (list.size() > MAX_IDENTITIES) {
            throw EuidError.clientError("At most " + MAX_IDENTITIES + " identities a request.");
        }
        for (JsonValue item : list) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw EuidError.clientError("'" + field + "' must be a list of strings.");
            }
        }
        return list;
    }

    /** The one identity of a token request; an identifier EUID cannot read is the participant's mistake. */
    private static EuidIdentity oneIdentity(JsonObject json) {
        List<String> present = identityFields(json);
        if (present.size() != 1) {
            throw EuidError.clientError("Exactly one of email, email_hash, phone and phone_hash is required.");
        }
        String field = present.get(0);
        String value = requiredString(json, field);
        return reader(field).apply(value).orElseThrow(() -> EuidError.clientError("Invalid " + field.replace('_', ' ') + "."));
    }

    /** Which of email, email_hash, phone and phone_hash a request names. */
    private static List<String> identityFields(JsonObject json) {
        return IDENTITY_FIELDS.stream().filter(json::containsKey).sorted().toList();
    }

    private static Function<String, Optional<EuidIdentity>> reader(String field) {
        return switch (field) {
            case "email" -> EuidIdentity::ofEmail;
            case "phone" -> EuidIdentity::ofPhone;
            case "email_hash" -> h -> EuidIdentity.ofHash(EuidIdentity.Type.EMAIL, h);
            case "phone_hash" -> h -> EuidIdentity.ofHash(EuidIdentity.Type.PHONE, h);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static String success(JsonValue body) {
        return JSON.createObjectBuilder().add("body", body).add("status", "success").build().toString();
    }

    private static String shortened(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
