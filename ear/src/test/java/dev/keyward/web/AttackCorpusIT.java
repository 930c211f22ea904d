package dev.keyward.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keyward.it.Dpop;
import dev.keyward.it.Euid;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import dev.keyward.it.Wire;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.TENANTS;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.tenant;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input on every endpoint family, as data: {@code attack/corpus.tsv} holds request templates and
 * {@code attack/payloads.tsv} the values put into them (each file's header says how). The requests carry real
 * credentials (Keycloak tokens, a credential's client ID and secret, store access tokens, a customer token), so that
 * what they carry reaches validation and not only authentication.
 *
 * <p>Proves that every request is refused with a 4xx (introspection and revocation of a token that is none may
 * answer RFC 7662's and RFC 7009's quiet 200), never a 5xx; in the wire format of its surface (RFC 9457 problems,
 * RFC 6749 errors, JSON:API errors); without a stack trace, a class name or SQL in the body; and that none of them
 * changed anything: the tenant's audit trail (refusals aside), credentials, members and invitations, the store's
 * products, customers, addresses and orders, people's memberships and the platform's audit trail read the same
 * before and after. Every failure is collected and reported by one assertion at the end.
 */
class AttackCorpusIT {

    private static final int AT_LEAST = 1_000;
    private static final int REPORTED = 50;
    /** What a refused request may leave in the audit trail: the policy's record of that refusal. */
    private static final Set<String> REFUSAL_RECORDS = Set.of("policy.refused", "credential.authentication-failures");

    static Fixtures fixtures;

    @BeforeAll
    static void fixtures() {
        fixtures = Fixtures.create();
    }

    @Test
    void everyHostileRequestIsRefusedInItsSurfacesFormatAndChangesNothing() {
        List<Payload> payloads = Payload.read("/attack/payloads.tsv");
        List<Template> corpus = Template.read("/attack/corpus.tsv");
        assertEquals(List.of(), Template.unknownSkips(corpus, payloads), "skip columns name payloads that exist");

        Map<String, JsonNode> before = fixtures.snapshot();
        Replay replay = new Replay();
        for (Template template : corpus) {
            template.attempts(payloads, fixtures).forEach(replay::send);
        }
        replay.compare(before, fixtures.snapshot());

        System.out.println(replay.summary(corpus.size(), payloads.size()));
        assertTrue(replay.sent() >= AT_LEAST, "the corpus makes at least " + AT_LEAST + " requests, not " + replay.sent());
        assertTrue(replay.failures().isEmpty(), replay.report(REPORTED));
    }

    /** Which surface a line speaks to, and so the wire format of its answers. */
    enum Family {
        MANAGEMENT(Wire.Surface.MANAGEMENT), OAUTH(Wire.Surface.OAUTH), STORE(Wire.Surface.STORE), EUID(Wire.Surface.EUID),
        CONSOLE(Wire.Surface.CONSOLE);

        final Wire.Surface surface;

        Family(Wire.Surface surface) {
            this.surface = surface;
        }
    }

    /** What a line's answers must be. */
    enum Expect {
        /** A 4xx. */
        REFUSED,
        /** A 4xx, or the 200 RFC 7662 and RFC 7009 give a token that is not one: {"active":false}, or nothing. */
        QUIET;

        Optional<String> fault(Wire.Request request, Answer a) {
            if (a.status() >= 400 && a.status() < 500) {
                return Optional.empty();
            }
            if (this == QUIET && a.status() == 200 && saysNothing(request.path(), a)) {
                return Optional.empty();
            }
            return Optional.of("not refused: " + a.status());
        }

        private static boolean saysNothing(String path, Answer a) {
            return path.endsWith("/introspect") ? a.body().replace(" ", "").equals("{\"active\":false}") : a.body().isBlank();
        }
    }

    /** A hostile value; {@code json} values go into a JSON slot as they are, text values as a JSON string. */
    record Payload(String name, boolean json, String value) {

        static List<Payload> read(String resource) {
            return Data.lines(resource).stream().map(l -> {
                String[] c = l.columns();
                if (c.length < 2 || !Set.of("text", "json").contains(c[1])) {
                    throw new IllegalArgumentException(l.where() + ": name, kind (text or json) and value expected");
                }
                return new Payload(c[0], c[1].equals("json"), c.length > 2 ? Data.decode(c[2]) : "");
            }).toList();
        }

        String in(String slot) {
            return switch (slot) {
                case "json" -> json ? value : Wire.jsonString(value);
                case "path" -> Data.percentEncoded(value);
                case "query", "form" -> URLEncoder.encode(value, StandardCharsets.UTF_8);
                case "raw" -> value;
                default -> throw new IllegalArgumentException("no slot ${" + slot + "}");
            };
        }
    }

    /** A line of the corpus; {@code {{fixture}}} names and {@code ${slot}}s still in it. */
    record Template(String where, Family family, String caller, String method, String path, String type, String body,
                    Expect expect, Set<String> skip) {

        static final Pattern SLOT = Pattern.compile("\\$\\{(json|raw|path|query|form)\\}");
        static final Pattern FIXTURE = Pattern.compile("\\{\\{([A-Za-z]+)\\}\\}");
        /** The type {@code sealed:KEY}: the body is the JSON inside an EUID envelope under that key's secret. */
        static final String SEALED = "sealed:";

        static List<Template> read(String resource) {
            return Data.lines(resource).stream().map(l -> {
                String[] c = l.columns();
                if (c.length != 8) {
                    throw new IllegalArgumentException(l.where() + ": 8 columns expected, not " + c.length);
                }
                Set<String> skip = c[7].equals("-") ? Set.of() : Set.of(c[7].split(","));
                return new Template(l.where(), Family.valueOf(c[0].toUpperCase(Locale.ROOT)), c[1], c[2], Data.decode(c[3]),
                        Data.decode(c[4]), Data.decode(c[5]), Expect.valueOf(c[6].toUpperCase(Locale.ROOT)), skip);
            }).toList();
        }

        static List<String> unknownSkips(List<Template> corpus, List<Payload> payloads) {
            Set<String> names = payloads.stream().map(Payload::name).collect(Collectors.toSet());
            return corpus.stream().flatMap(t -> t.skip().stream().filter(s -> !names.contains(s)).map(s -> t.where() + ": " + s))
                    .toList();
        }

        /** The concrete requests: one per payload it does not skip, or one if it has no slot. */
        List<Attempt> attempts(List<Payload> payloads, Fixtures fixtures) {
            Template t = withFixtures(fixtures.names());
            if (!t.hasSlot()) {
                return List.of(t.attempt(null, fixtures));
            }
            return payloads.stream().filter(p -> !skip.contains(p.name())).map(p -> t.attempt(p, fixtures)).toList();
        }

        private boolean hasSlot() {
            return Stream.of(caller, path, type, body).anyMatch(s -> SLOT.matcher(s).find());
        }

        private Template withFixtures(Map<String, String> names) {
            Function<String, String> fill = s -> replace(FIXTURE, s, name -> {
                String value = names.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(where + ": no fixture {{" + name + "}}");
                }
                return value;
            });
            return new Template(where, family, caller, method, fill.apply(path), fill.apply(type), fill.apply(body), expect, skip);
        }

        private Attempt attempt(Payload p, Fixtures fixtures) {
            Function<String, String> fill = s -> p == null ? s : replace(SLOT, s, p::in);
            Map<String, String> headers = new LinkedHashMap<>();
            if (!caller.equals("-")) {
                for (String part : caller.split(" \\+ ")) {
                    fixtures.authenticate(part, fill, headers);
                }
            }
            byte[] content = body.equals("-") ? null : fill.apply(body).getBytes(StandardCharsets.UTF_8);
            if (type.startsWith(SEALED) && content != null) {
                // as the EUID SDK sends it: base64 text labelled as a form, enveloped under the secret of the key named
                Euid.Key key = fixtures.euidKey(type.substring(SEALED.length()));
                content = Euid.envelope(key.secret(), Instant.now(), new String(content, StandardCharsets.UTF_8)).base64()
                        .getBytes(StandardCharsets.US_ASCII);
                headers.put("Content-Type", Euid.SDK_CONTENT_TYPE);
            } else if (!type.equals("-")) {
                headers.put("Content-Type", switch (type) {
                    case "json" -> "application/json";
                    case "form" -> "application/x-www-form-urlencoded";
                    default -> fill.apply(type);
                });
            }
            return new Attempt(this, p, new Wire.Request(method, fill.apply(path), headers, content));
        }

        private static String replace(Pattern pattern, String text, Function<String, String> value) {
            Matcher m = pattern.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
            }
            return m.appendTail(out).toString();
        }
    }

    /** One concrete request of the corpus. */
    record Attempt(Template template, Payload payload, Wire.Request request) {

        String label() {
            return template.where() + (payload == null ? "" : " [" + payload.name() + "]");
        }

        List<String> echoed() {
            return payload == null ? List.of() : List.of(payload.value());
        }
    }

    /** The replay's counts and failures. */
    static final class Replay {

        private final Map<Family, Integer> sent = new EnumMap<>(Family.class);
        private final List<String> failures = new ArrayList<>();
        private int unsendable;

        void send(Attempt attempt) {
            Optional<Answer> answer = Wire.send(attempt.request());
            if (answer.isEmpty()) {
                unsendable++;
                return;
            }
            Answer a = answer.get();
            sent.merge(attempt.template().family(), 1, Integer::sum);
            List<String> wrong = new ArrayList<>(Wire.findings(attempt.template().family().surface, a, attempt.echoed()));
            attempt.template().expect().fault(attempt.request(), a).ifPresent(wrong::add);
            if (!wrong.isEmpty()) {
                failures.add(attempt.label() + " " + attempt.request().method() + " " + Wire.shortened(attempt.request().path())
                        + " -> " + a.status() + ": " + String.join("; ", wrong));
            }
        }

        /** Refused requests change nothing: every view reads as it did before the replay. */
        void compare(Map<String, JsonNode> before, Map<String, JsonNode> after) {
            before.forEach((view, was) -> {
                JsonNode is = after.get(view);
                if (!was.equals(is)) {
                    failures.add("changed by the corpus: " + view + "\n    before: " + Wire.shortened(String.valueOf(was))
                            + "\n    after:  " + Wire.shortened(String.valueOf(is)));
                }
            });
        }

        int sent() {
            return sent.values().stream().mapToInt(Integer::intValue).sum();
        }

        List<String> failures() {
            return failures;
        }

        String summary(int lines, int payloads) {
            return "Attack corpus: " + sent() + " requests " + sent.entrySet().stream()
                    .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue()).collect(Collectors.joining(", ", "(", ")"))
                    + " from " + lines + " lines and " + payloads + " payloads; " + unsendable
                    + " not sent (values Java's HTTP client will not put in a header); " + failures.size() + " failures";
        }

        String report(int first) {
            return failures.size() + " failures, the first " + Math.min(first, failures.size()) + ":\n"
                    + String.join("\n", failures.subList(0, Math.min(first, failures.size())));
        }
    }

    /** What the corpus is sent against, made over the API before the replay. */
    record Fixtures(String store, Issued admin, Issued member, Issued revoked, String backOffice, String storefront, String sku,
                    String product, String ann, String ben, String annEmail, String annToken, String address, String order,
                    String participant, Euid.Key generator, Euid.Key optout, Euid.Key bound) {

        static final String ADDRESS = "{\"data\":{\"type\":\"address\",\"first_name\":\"Ann\",\"line_1\":\"1 High St\","
                + "\"city\":\"Leeds\",\"postcode\":\"LS1\",\"country\":\"GB\"}}";
        static final String ORDER = "{\"data\":{\"type\":\"order\",\"total\":{\"amount\":1250,\"currency\":\"GBP\"}}}";

        /**
         * An elastic-path store where alice is an admin holding an active credential (so that every further one of hers
         * is refused by the one-active rule) and a revoked one, bob a member with a credential; a live product; ann and
         * ben, customers, ann with an address, an order and a customer token; and an EUID participant whose key
         * "generator" may call every endpoint, whose key "optout" none of them, and whose key "bound" only with a DPoP proof
         * by a key the corpus does not hold.
         */
        static Fixtures create() {
            String store = tenant("elastic-path", "alice", "admin", "bob", "member");
            Issued revoked = credential(store, "alice", body("name", "corpus, revoked"));
            Answer revocation = Http.delete(tenantPath(store, "credentials", revoked.id()), "alice");
            assertEquals(204, revocation.status(), revocation.toString());
            Issued admin = credential(store, "alice", body("name", "corpus"));
            Issued member = credential(store, "bob", body("name", "corpus, bob's"));
            String backOffice = Store.accessToken(admin.clientId(), admin.secret());
            String storefront = Store.implicitToken(admin.clientId());
            String sku = "CORPUS-LIVE";
            String product = Store.product(backOffice, sku, "live");
            String annEmail = "ann@example.test";
            String ann = Store.customer(backOffice, annEmail, "ann-secret-1");
            String ben = Store.customer(backOffice, "ben@example.test", "ben-secret-1");
            String address = created(Store.post("/v2/customers/" + ann + "/addresses", backOffice, ADDRESS));
            String order = created(Store.post("/v2/customers/" + ann + "/orders", backOffice, ORDER));
            Answer signedIn = Store.customerToken(storefront, annEmail, "ann-secret-1");
            assertEquals(200, signedIn.status(), signedIn.toString());
            String participant = tenant("euid", List.of("integration"), "alice", "admin");
            Euid.Key generator = Euid.key(participant, "alice", "corpus", "integration", "generator", "mapper");
            Euid.Key optout = Euid.key(participant, "alice", "corpus, no endpoint's role", "integration", "optout");
            Euid.Key bound = Euid.key(participant, "alice", body("name", "corpus, bound by DPoP", "environment", "integration",
                    "permissions", List.of("generator", "mapper"), "jwks", body("keys", List.of(publicJwk()))));
            return new Fixtures(store, admin, member, revoked, backOffice, storefront, sku, product, ann, ben, annEmail,
                    signedIn.json().get("data").get("token").asText(), address, order, participant, generator, optout, bound);
        }

        /** A P-256 public key whose private half is dropped at once: no proof can ever be signed for it. */
        private static Map<String, Object> publicJwk() {
            try {
                return Dpop.publicJwk(EcJwkGenerator.generateJwk(EllipticCurves.P256));
            } catch (JoseException e) {
                throw new AssertionError(e);
            }
        }

        private static String created(Answer a) {
            assertEquals(201, a.status(), a.toString());
            return a.json().get("data").get("id").asText();
        }

        /** What {{name}} stands for in the corpus. */
        Map<String, String> names() {
            return Map.ofEntries(entry("store", store), entry("credential", admin.id()), entry("revoked", revoked.id()),
                    entry("clientId", admin.clientId()), entry("secret", admin.secret()), entry("sku", sku),
                    entry("product", product), entry("customer", ann), entry("otherCustomer", ben), entry("annEmail", annEmail),
                    entry("address", address), entry("order", order), entry("participant", participant));
        }

        /** Adds the headers of one caller part ({@code kc:alice}, {@code basic:${raw}}, …; see the corpus's header). */
        void authenticate(String part, Function<String, String> fill, Map<String, String> headers) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a caller part is kind:argument, not " + part);
            }
            String kind = part.substring(0, colon);
            String argument = part.substring(colon + 1);
            String given = fill.apply(argument);
            boolean literal = Template.SLOT.matcher(argument).find();
            switch (kind) {
                case "kc" -> headers.put("Authorization", "Bearer " + Http.token(argument));
                case "bearer" -> headers.put("Authorization", "Bearer " + (literal ? given : accessToken(argument)));
                case "customer" -> headers.put("X-Moltin-Customer-Token", literal ? given : customerToken(argument));
                case "basic" -> headers.put("Authorization", literal ? "Basic " + given : basic(client(argument)));
                case "euid" -> headers.put("Authorization", "Bearer " + (literal ? given : euidKey(argument).apiKey()));
                case "euid-dpop" -> headers.put("Authorization", "DPoP " + (literal ? given : euidKey(argument).apiKey()));
                case "auth" -> headers.put("Authorization", given);
                case "header" -> headers.put(given.substring(0, given.indexOf('=')), given.substring(given.indexOf('=') + 1));
                default -> throw new IllegalArgumentException("unknown caller kind " + kind);
            }
        }

        private String accessToken(String name) {
            return switch (name) {
                case "backoffice" -> backOffice;
                case "storefront" -> storefront;
                default -> throw new IllegalArgumentException("no access token " + name);
            };
        }

        Euid.Key euidKey(String name) {
            return switch (name) {
                case "generator" -> generator;
                case "optout" -> optout;
                case "bound" -> bound;
                default -> throw new IllegalArgumentException("no EUID key " + name);
            };
        }

        private String customerToken(String name) {
            if (!name.equals("ann")) {
                throw new IllegalArgumentException("no customer token " + name);
            }
            return annToken;
        }

        private Issued client(String name) {
            return switch (name) {
                case "admin" -> admin;
                case "member" -> member;
                case "revoked" -> revoked;
                default -> throw new IllegalArgumentException("no credential " + name);
            };
        }

        private static String basic(Issued c) {
            return Http.basic(c.clientId(), c.secret());
        }

        /** Everything a refused request must leave as it was, each view read over the API. */
        Map<String, JsonNode> snapshot() {
            Map<String, JsonNode> views = new LinkedHashMap<>();
            views.put("the tenant's audit trail, refusals aside", auditTrail());
            views.put("the tenant's credentials", withoutUse(read(Http.get(tenantPath(store, "credentials?includeRevoked=true"), "alice"))));
            views.put("the tenant's members", read(Http.get(tenantPath(store, "members"), "alice")));
            views.put("the tenant's invitations", read(Http.get(tenantPath(store, "invitations"), "alice")));
            views.put("the tenant's webhooks", read(Http.get(tenantPath(store, "webhooks"), "alice")));
            views.put("the participant's keys", withoutUse(read(Http.get(tenantPath(participant, "credentials?includeRevoked=true"), "alice"))));
            views.put("the participant's audit trail, refusals aside",
                    withoutRefusals(read(Http.get(tenantPath(participant, "audit-events?limit=200"), "alice")).path("events")));
            for (String person : List.of("alice", "bob", "erin", "olivia")) {
                views.put(person + "'s memberships", read(Http.get("/api/v1/me", person)).path("memberships"));
            }
            views.put("the platform's audit trail", withoutRefusals(read(Http.get("/api/v1/audit-events?limit=200", "olivia")).path("events")));
            for (String slug : List.of("kw-never", "kw-envs")) {
                views.put("tenant " + slug, TextNode.valueOf(String.valueOf(Http.get(TENANTS + "/" + slug, "olivia").status())));
            }
            views.put("the store's products", read(Store.get("/v2/products", backOffice)));
            for (String customer : List.of(ann, ben)) {
                for (String view : List.of("", "/addresses", "/orders")) {
                    views.put("customer " + customer + view, read(Store.get("/v2/customers/" + customer + view, backOffice)));
                }
            }
            return views;
        }

        /** A page of a trail without the records of refusals, which the corpus is meant to add. */
        private static ArrayNode withoutRefusals(JsonNode events) {
            ArrayNode kept = Http.JSON.createArrayNode();
            events.forEach(e -> {
                if (!REFUSAL_RECORDS.contains(e.path("type").asText())) {
                    kept.add(e);
                }
            });
            return kept;
        }

        /** The tenant's whole trail, newest first, without the refusals the corpus may add. */
        private ArrayNode auditTrail() {
            ArrayNode kept = Http.JSON.createArrayNode();
            for (int offset = 0; ; offset += 200) {
                JsonNode page = Http.get(tenantPath(store, "audit-events?limit=200&offset=" + offset), "alice").json().get("events");
                page.forEach(e -> {
                    if (!REFUSAL_RECORDS.contains(e.path("type").asText())) {
                        kept.add(e);
                    }
                });
                if (page.size() < 200) {
                    return kept;
                }
            }
        }

        /** "Last used" moves whenever the fixtures' own tokens are issued or used; it is not the corpus's doing. */
        private static JsonNode withoutUse(JsonNode credentials) {
            credentials.forEach(c -> {
                if (c instanceof ObjectNode o) {
                    o.remove("lastUsedAt");
                }
            });
            return credentials;
        }

        private static JsonNode read(Answer a) {
            return a.status() == 200 ? a.json() : TextNode.valueOf(a.status() + " " + a.body());
        }
    }

    /** The data files' lines, their escapes and markers. */
    static final class Data {

        private static final Pattern LONG = Pattern.compile("\\$\\{long:(\\d+)(?::([^}]*))?\\}");
        private static final Pattern DEEP = Pattern.compile("\\$\\{deep:(\\d+)\\}");
        private static final char[] HEX = "0123456789ABCDEF".toCharArray();

        /** A line of data, with where it is for messages. */
        record Line(String where, String text) {
            String[] columns() {
                return text.split("\t", -1);
            }
        }

        /** The lines that are neither comments nor blank. */
        static List<Line> lines(String resource) {
            String file = resource.substring(resource.lastIndexOf('/') + 1);
            try (InputStream in = AttackCorpusIT.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no " + resource + " on the test classpath");
                }
                List<Line> lines = new ArrayList<>();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int number = 0;
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    number++;
                    if (!text.isBlank() && !text.startsWith("#")) {
                        lines.add(new Line(file + ":" + number, text));
                    }
                }
                return lines;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Escapes ({@code \0 \t \n \r \\ \\uXXXX}), then markers ({@code ${long:N}}, {@code ${long:N:TEXT}}, {@code ${deep:N}}). */
        static String decode(String column) {
            StringBuilder s = new StringBuilder(column.length());
            for (int i = 0; i < column.length(); i++) {
                char c = column.charAt(i);
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = column.charAt(++i);
                switch (e) {
                    case '0' -> s.append('\0');
                    case 't' -> s.append('\t');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case '\\' -> s.append('\\');
                    case 'u' -> {
                        s.append((char) Integer.parseInt(column.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + column);
                }
            }
            return markers(s.toString());
        }

        private static String markers(String text) {
            Matcher m = LONG.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String unit = m.group(2) == null ? "x" : m.group(2);
                m.appendReplacement(out, Matcher.quoteReplacement(unit.repeat(Integer.parseInt(m.group(1)))));
            }
            m.appendTail(out);
            return Template.replace(DEEP, out.toString(), n -> "[".repeat(Integer.parseInt(n)) + "]".repeat(Integer.parseInt(n)));
        }

        static String percentEncoded(String value) {
            StringBuilder s = new StringBuilder();
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '~') {
                    s.append((char) c);
                } else {
                    s.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
                }
            }
            return s.toString();
        }
    }
}
