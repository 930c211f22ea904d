package dev.keyward.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyward.it.Euid;
import dev.keyward.it.Http;
import dev.keyward.it.Http.Answer;
import dev.keyward.it.KeycloakAdmin;
import dev.keyward.it.Store;
import dev.keyward.it.TenantFixtures.Issued;
import dev.keyward.it.Wire;
import jakarta.servlet.annotation.WebServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.keyward.it.Http.body;
import static dev.keyward.it.Paths.tenantPath;
import static dev.keyward.it.TenantFixtures.credential;
import static dev.keyward.it.TenantFixtures.memberId;
import static dev.keyward.it.TenantFixtures.tenant;
import static dev.keyward.it.TenantFixtures.tenantWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call what, for every resource method Keyward has. {@code attack/matrix.tsv} gives, for each HTTP method and
 * path, the outcome each kind of caller must get (its header says which kinds and outcomes there are); the resource
 * methods are read from the resource classes of the built WAR, so a new endpoint cannot be added without its row, and a
 * row cannot outlive its endpoint.
 *
 * <p>Proves that authentication, membership, roles, the operator role, token permissions and customer tokens open
 * exactly what the matrix says; that another tenant's objects are 404 (or, at the OAuth endpoints, an answer that
 * reveals nothing), never 403 or 200, and another customer's never readable; and that every answer is in the wire
 * format of its surface, without internals. Every failing cell is collected and reported by one assertion.
 */
class AuthorizationMatrixIT {

    private static final String MATRIX = "/attack/matrix.tsv";
    private static final int REPORTED = 50;

    static World world;

    @BeforeAll
    static void world() throws InterruptedException {
        world = World.create();
    }

    @Test
    void everyResourceMethodHasItsRowAndEveryRowItsResourceMethod() {
        List<Endpoint> endpoints = Endpoint.inBuiltWar();
        List<Row> rows = Row.read(MATRIX);
        Set<String> declared = endpoints.stream().map(Endpoint::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = rows.stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));

        assertTrue(endpoints.size() >= 40, "found the resource methods: " + endpoints.size());
        assertEquals(List.of(), endpoints.stream().filter(e -> !listed.contains(e.key())).map(e -> e.key() + " (" + e.javaMethod() + ")")
                .toList(), "resource methods without a row in matrix.tsv");
        assertEquals(List.of(), rows.stream().filter(r -> !declared.contains(r.key())).map(r -> r.where() + ": " + r.key()).toList(),
                "rows of matrix.tsv whose resource method no longer exists");
        assertEquals(rows.size(), listed.size(), "one row per resource method");
    }

    @Test
    void everyCallerGetsWhatTheMatrixSays() {
        Map<String, Endpoint> endpoints = Endpoint.inBuiltWar().stream().collect(Collectors.toMap(Endpoint::key, e -> e));
        List<String> failures = new ArrayList<>();
        int cells = 0;
        int requests = 0;
        for (Row row : Row.read(MATRIX)) {
            Endpoint endpoint = endpoints.get(row.key());
            if (endpoint == null) {
                continue; // reported by the other test
            }
            List<String> faults = row.faults(endpoint.surface());
            if (!faults.isEmpty()) {
                faults.forEach(f -> failures.add(row.where() + " " + row.key() + ": " + f));
                continue;
            }
            for (Map.Entry<Kind, Cell> cell : row.cells().entrySet()) {
                if (cell.getValue().outcome() == Outcome.NOT_APPLICABLE) {
                    continue;
                }
                cells++;
                for (Prepared p : world.requests(row, cell.getKey(), endpoint.surface())) {
                    requests++;
                    check(row, cell.getKey(), cell.getValue(), endpoint.surface(), p).ifPresent(failures::add);
                }
            }
        }
        System.out.println("Authorization matrix: " + cells + " cells, " + requests + " requests, " + failures.size() + " failures");
        assertTrue(failures.isEmpty(), failures.size() + " failing cells, the first " + Math.min(REPORTED, failures.size()) + ":\n"
                + String.join("\n", failures.subList(0, Math.min(REPORTED, failures.size()))));
    }

    private static Optional<String> check(Row row, Kind kind, Cell cell, Surface surface, Prepared p) {
        Optional<Answer> sent = Wire.send(p.request());
        if (sent.isEmpty()) {
            return Optional.of(row.where() + " " + row.key() + " as " + kind.label() + ": could not be sent");
        }
        Answer a = sent.get();
        List<String> wrong = new ArrayList<>(Wire.findings(surface.wire, a, List.of()));
        cell.outcome().fault(a, p).ifPresent(wrong::add);
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(row.where() + " " + p.request().method() + " " + p.request().path() + " as " + kind.label() + " (expected "
                + cell.outcome().label + (cell.unsure() ? ", unsure" : "") + ") -> " + a.status() + ": " + String.join("; ", wrong)
                + " | " + Wire.shortened(a.body()));
    }

    /** The kinds of caller; each surface has its own set (see the matrix's header). */
    enum Kind {
        NONE, GARBAGE, EXPIRED, FOREIGN, NONMEMBER, MEMBER, ADMIN, SUPERADMIN, OPERATOR, OTHERTENANT,
        BACKOFFICE, READONLY, IMPLICIT, CUSTOMER, OTHERCUSTOMER, CLIENT, KEY, NOROLE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The surface a resource method belongs to, by its annotation, and the callers the matrix must name for it. */
    enum Surface {
        MANAGEMENT(Wire.Surface.MANAGEMENT, Kind.NONE, Kind.GARBAGE, Kind.EXPIRED, Kind.FOREIGN, Kind.NONMEMBER, Kind.MEMBER,
                Kind.ADMIN, Kind.SUPERADMIN, Kind.OPERATOR, Kind.OTHERTENANT),
        OAUTH(Wire.Surface.OAUTH, Kind.NONE, Kind.GARBAGE, Kind.EXPIRED, Kind.FOREIGN, Kind.CLIENT, Kind.OTHERTENANT),
        STORE(Wire.Surface.STORE, Kind.NONE, Kind.GARBAGE, Kind.EXPIRED, Kind.FOREIGN, Kind.BACKOFFICE, Kind.READONLY,
                Kind.IMPLICIT, Kind.CUSTOMER, Kind.OTHERCUSTOMER, Kind.OTHERTENANT),
        EUID(Wire.Surface.EUID, Kind.NONE, Kind.GARBAGE, Kind.EXPIRED, Kind.FOREIGN, Kind.KEY, Kind.NOROLE),
        LEAKS(Wire.Surface.MANAGEMENT, Kind.NONE, Kind.GARBAGE, Kind.FOREIGN),
        CONSOLE(Wire.Surface.CONSOLE, Kind.NONE, Kind.GARBAGE, Kind.FOREIGN);

        final Wire.Surface wire;
        final Set<Kind> kinds;

        Surface(Wire.Surface wire, Kind... kinds) {
            this.wire = wire;
            this.kinds = Set.of(kinds);
        }

        /** By the surface annotation on the method, else on its class; none is the console. */
        static Surface of(Method method) {
            for (AnnotatedElement element : List.of(method, method.getDeclaringClass())) {
                for (Annotation a : element.getAnnotations()) {
                    switch (a.annotationType().getName()) {
                        case "dev.keyward.web.surface.ManagementApi" -> {
                            return MANAGEMENT;
                        }
                        case "dev.keyward.web.surface.OAuthEndpoint" -> {
                            return OAUTH;
                        }
                        case "dev.keyward.web.surface.StoreApi" -> {
                            return STORE;
                        }
                        case "dev.keyward.web.surface.EuidApi" -> {
                            return EUID;
                        }
                        case "dev.keyward.web.surface.LeakApi" -> {
                            return LEAKS;
                        }
                        default -> {
                        }
                    }
                }
            }
            return CONSOLE;
        }
    }

    /** What a cell expects. */
    enum Outcome {
        OK("ok"), UNAUTHENTICATED("401"), FORBIDDEN("403"), NOT_FOUND("404"), BLIND("blind"), NOT_APPLICABLE("n/a");

        final String label;

        Outcome(String label) {
            this.label = label;
        }

        static Outcome of(String label) {
            return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no outcome " + label));
        }

        Optional<String> fault(Answer a, Prepared p) {
            int s = a.status();
            return switch (this) {
                case OK -> s == 401 || s == 403 || s == 404 || s >= 500 ? Optional.of("not let in") : Optional.empty();
                case UNAUTHENTICATED -> s == 401 ? Optional.empty() : Optional.of("not 401");
                case FORBIDDEN -> s == 403 ? Optional.empty() : Optional.of("not 403");
                case NOT_FOUND -> s == 404 ? Optional.empty() : Optional.of("not 404");
                case BLIND -> blindFault(a, p);
                case NOT_APPLICABLE -> Optional.empty();
            };
        }

        /** Another tenant's client learns nothing about this tenant's token and changes nothing about it. */
        private static Optional<String> blindFault(Answer a, Prepared p) {
            if (a.status() != 200) {
                return Optional.of("not 200");
            }
            if (p.request().path().endsWith("/introspect") && !a.body().replace(" ", "").equals("{\"active\":false}")) {
                return Optional.of("another tenant's token described");
            }
            if (p.sacrificialToken() != null && !world.stillActive(p.sacrificialToken())) {
                return Optional.of("another tenant's client revoked the token");
            }
            return Optional.empty();
        }
    }

    /** One cell's expectation; {@code unsure} where the matrix marks it with a question mark. */
    record Cell(Outcome outcome, boolean unsure) {
    }

    /** A row of the matrix. */
    record Row(String where, String method, String path, Map<String, String> params, String body, Map<Kind, Cell> cells,
               String note) {

        static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)\\}");

        static List<Row> read(String resource) {
            List<Row> rows = new ArrayList<>();
            String file = resource.substring(resource.lastIndexOf('/') + 1);
            try (InputStream in = AuthorizationMatrixIT.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no " + resource + " on the test classpath");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                int number = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    number++;
                    if (!line.isBlank() && !line.startsWith("#")) {
                        rows.add(parse(file + ":" + number, line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return rows;
        }

        private static Row parse(String where, String line) {
            String[] c = line.split("\t", -1);
            if (c.length != 6) {
                throw new IllegalArgumentException(where + ": 6 columns expected, not " + c.length);
            }
            Map<String, String> params = new LinkedHashMap<>();
            if (!c[2].equals("-")) {
                for (String pair : c[2].split(" ")) {
                    params.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            Map<Kind, Cell> cells = new EnumMap<>(Kind.class);
            for (String cell : c[4].split(" ")) {
                String kind = cell.substring(0, cell.indexOf('='));
                String outcome = cell.substring(cell.indexOf('=') + 1);
                boolean unsure = outcome.endsWith("?");
                cells.put(Kind.valueOf(kind.toUpperCase(Locale.ROOT)), new Cell(Outcome.of(unsure ? outcome.substring(0, outcome.length() - 1)
                        : outcome), unsure));
            }
            return new Row(where, c[0], c[1], params, c[3].equals("-") ? null : c[3], cells, c[5]);
        }

        String key() {
            return method + " " + path;
        }

        /**
         * What is wrong with the row itself: a kind of caller of its surface it does not name, a kind it should not
         * name, a parameter without a fixture, another tenant's object anything but not found.
         */
        List<String> faults(Surface surface) {
            List<String> faults = new ArrayList<>();
            surface.kinds.stream().filter(k -> !cells.containsKey(k)).forEach(k -> faults.add("no cell for " + k.label()));
            cells.keySet().stream().filter(k -> !surface.kinds.contains(k)).forEach(k -> faults.add(k.label() + " is no caller of " + surface));
            Matcher m = PARAMETER.matcher(path);
            while (m.find()) {
                if (!params.containsKey(m.group(1))) {
                    faults.add("nothing fills {" + m.group(1) + "}");
                }
            }
            Cell other = cells.get(Kind.OTHERTENANT);
            if (other != null && !Set.of(Outcome.NOT_FOUND, Outcome.BLIND, Outcome.NOT_APPLICABLE).contains(other.outcome())) {
                faults.add("another tenant's object must be 404, never " + other.outcome().label);
            }
            Cell otherCustomer = cells.get(Kind.OTHERCUSTOMER);
            if (otherCustomer != null && otherCustomer.outcome() == Outcome.OK) {
                faults.add("another customer's data must not be open");
            }
            return faults;
        }
    }

    /** A resource method of the built WAR. */
    record Endpoint(String method, String path, Surface surface, String javaMethod) {

        private static final Pattern TEMPLATE_REGEX = Pattern.compile("\\{\\s*([A-Za-z][\\w.-]*)\\s*:[^}]*\\}");

        String key() {
            return method + " " + path;
        }

        /** Every resource method in the WAR the build put into the EAR (or, without an EAR, in the web module's classes). */
        static List<Endpoint> inBuiltWar() {
            Map<String, byte[]> classes = WebClasses.read();
            ClassLoader loader = new WebClasses(classes, AuthorizationMatrixIT.class.getClassLoader());
            String root = "";
            List<Class<?>> resources = new ArrayList<>();
            List<Class<?>> servlets = new ArrayList<>();
            for (String name : classes.keySet()) {
                byte[] bytes = classes.get(name);
                if (WebClasses.mentions(bytes, "Ljakarta/servlet/annotation/WebServlet;")) {
                    servlets.add(WebClasses.load(name, loader));
                }
                if (!WebClasses.mentions(bytes, "Ljakarta/ws/rs/Path;") && !WebClasses.mentions(bytes, "Ljakarta/ws/rs/ApplicationPath;")) {
                    continue;
                }
                Class<?> type = WebClasses.load(name, loader);
                ApplicationPath application = type.getAnnotation(ApplicationPath.class);
                if (application != null) {
                    root = application.value();
                }
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
            List<Endpoint> endpoints = new ArrayList<>();
            for (Class<?> type : resources) {
                for (Method m : type.getDeclaredMethods()) {
                    if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                        continue;
                    }
                    String http = httpMethod(m);
                    Path sub = m.getAnnotation(Path.class);
                    if (http == null && sub != null) {
                        throw new AssertionError(type.getSimpleName() + "." + m.getName() + " is a sub-resource locator: the matrix cannot reach it");
                    }
                    if (http != null) {
                        endpoints.add(new Endpoint(http, path(root, type.getAnnotation(Path.class).value(), sub == null ? "" : sub.value()),
                                Surface.of(m), type.getSimpleName() + "." + m.getName()));
                    }
                }
            }
            // an endpoint served as a plain servlet (for speed) belongs to the surface its class is marked with
            for (Class<?> type : servlets) {
                for (Method m : type.getDeclaredMethods()) {
                    String http = SERVLET_METHODS.get(m.getName());
                    if (http != null) {
                        for (String pattern : type.getAnnotation(WebServlet.class).urlPatterns()) {
                            endpoints.add(new Endpoint(http, path(root, pattern), Surface.of(m), type.getSimpleName() + "." + m.getName()));
                        }
                    }
                }
            }
            return endpoints;
        }

        /** The servlet methods that stand for an HTTP method a matrix row can name (OPTIONS and HEAD are answered for every address). */
        private static final Map<String, String> SERVLET_METHODS = Map.of("doGet", "GET", "doPost", "POST", "doPut", "PUT",
                "doPatch", "PATCH", "doDelete", "DELETE");

        private static String httpMethod(Method m) {
            for (Annotation a : m.getAnnotations()) {
                HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                if (http != null) {
                    return http.value();
                }
            }
            return null;
        }

        /** The full template: application path, class path, method path; a parameter's regular expression left out. */
        static String path(String... parts) {
            String joined = "/" + String.join("/", parts);
            String path = TEMPLATE_REGEX.matcher(joined).replaceAll("{$1}").replaceAll("/{2,}", "/");
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }
    }

    /** The web module's classes as the build packaged them, loaded for reading their annotations only. */
    static final class WebClasses extends ClassLoader {

        private static final String CLASSES = "WEB-INF/classes/";

        private final Map<String, byte[]> classes;

        WebClasses(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }

        static Class<?> load(String name, ClassLoader loader) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The classes of the WAR inside the EAR the failsafe run names ({@code keyward.ear}), else of web/target/classes. */
        static Map<String, byte[]> read() {
            java.nio.file.Path ear = java.nio.file.Path.of(System.getProperty("keyward.ear", "target/keyward.ear"));
            java.nio.file.Path folder = java.nio.file.Path.of("..", "web", "target", "classes");
            try {
                if (Files.isRegularFile(ear)) {
                    return fromEar(ear);
                }
                if (Files.isDirectory(folder)) {
                    return fromFolder(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AssertionError("no built EAR at " + ear.toAbsolutePath() + " and no " + folder.toAbsolutePath() + ": build first");
        }

        private static Map<String, byte[]> fromEar(java.nio.file.Path ear) throws IOException {
            Map<String, byte[]> classes = new HashMap<>();
            try (ZipFile zip = new ZipFile(ear.toFile())) {
                ZipEntry war = zip.stream().filter(e -> e.getName().startsWith("keyward-web") && e.getName().endsWith(".war")).findFirst()
                        .orElseThrow(() -> new AssertionError("no keyward-web WAR in " + ear));
                try (ZipInputStream in = new ZipInputStream(zip.getInputStream(war))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        if (e.getName().startsWith(CLASSES) && e.getName().endsWith(".class")) {
                            classes.put(className(e.getName().substring(CLASSES.length())), in.readAllBytes());
                        }
                    }
                }
            }
            return classes;
        }

        private static Map<String, byte[]> fromFolder(java.nio.file.Path folder) throws IOException {
            Map<String, byte[]> classes = new HashMap<>();
            try (var files = Files.walk(folder)) {
                for (java.nio.file.Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    classes.put(className(folder.relativize(f).toString().replace('\\', '/')), Files.readAllBytes(f));
                }
            }
            return classes;
        }

        private static String className(String file) {
            return file.substring(0, file.length() - ".class".length()).replace('/', '.');
        }

        /** Whether a class file's constant pool holds this text: a cheap test before loading it. */
        static boolean mentions(byte[] classFile, String text) {
            byte[] t = text.getBytes(StandardCharsets.US_ASCII);
            outer:
            for (int i = 0; i <= classFile.length - t.length; i++) {
                for (int j = 0; j < t.length; j++) {
                    if (classFile[i + j] != t[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /** A request ready to go, with the token a revocation cell put at stake. */
    record Prepared(Wire.Request request, String sacrificialToken) {
    }

    /**
     * The tenant the matrix is about, another tenant, and everything their rows need, made over the API; objects a cell
     * may remove are made again before the next cell needs them.
     */
    static final class World {

        private static final String ADDRESS = "{\"data\":{\"type\":\"address\",\"first_name\":\"Ann\",\"line_1\":\"1 High St\","
                + "\"city\":\"Leeds\",\"postcode\":\"LS1\",\"country\":\"GB\"}}";
        private static final String ORDER = "{\"data\":{\"type\":\"order\",\"total\":{\"amount\":1250,\"currency\":\"GBP\"}}}";
        private static final Pattern VALUE = Pattern.compile("\\{\\{([A-Za-z]+)\\}\\}");

        // the tenant
        String store;
        String victim;
        String joiner;
        Issued alices;
        Issued revoked;
        String backOffice;
        String storefront;
        String readOnly;
        String sku;
        String product;
        String ann;
        String annEmail;
        String annToken;
        String benToken;
        String address;
        String order;
        // the EUID participant: a key with every endpoint's role, one with none of them, a revoked one
        Euid.Key participantKey;
        Euid.Key optoutKey;
        Euid.Key revokedKey;
        // another tenant
        String otherStore;
        Issued daves;
        String daveMember;
        String otherInvitation;
        String otherWebhook;
        private String webhook;
        String otherProduct;
        String otherCustomer;
        String otherAddress;
        String otherOrder;
        // tokens that open nothing
        String expiredStoreToken;
        String expiredKeycloakToken;
        // made again when a cell removes them
        private String target;
        private String invitation;
        private String doomedProduct;
        private String doomedAddress;

        static World create() throws InterruptedException {
            World w = new World();
            long expiredAt = w.expiringStoreToken();
            w.theTenant();
            w.theParticipant();
            w.anotherTenant();
            w.expiredKeycloakToken = expired(Http.token("alice"));
            Thread.sleep(Math.max(0, expiredAt - System.currentTimeMillis()) + 1_500);
            return w;
        }

        /** A store token of a tenant whose tokens last 5 seconds; returns when it ends. */
        private long expiringStoreToken() {
            String brief = tenantWith("elastic-path", Map.of("tokenLifetimeSeconds", 5), "alice", "admin");
            Issued c = credential(brief, "alice", body("name", "matrix, brief"));
            Answer issued = Http.clientCredentials(c.clientId(), c.secret());
            assertEquals(200, issued.status(), issued.toString());
            expiredStoreToken = issued.json().get("access_token").asText();
            return issued.json().get("expires").asLong() * 1000;
        }

        private void theTenant() {
            victim = KeycloakAdmin.newUser("victim");
            joiner = KeycloakAdmin.newUser("joiner");
            store = tenant("elastic-path", "carol", "super-admin", "alice", "admin", "bob", "member", victim, "member");
            revoked = credential(store, "alice", body("name", "matrix, revoked"));
            Answer revocation = Http.delete(tenantPath(store, "credentials", revoked.id()), "alice");
            assertEquals(204, revocation.status(), revocation.toString());
            alices = credential(store, "alice", body("name", "matrix"));
            backOffice = Store.accessToken(alices.clientId(), alices.secret());
            storefront = Store.implicitToken(alices.clientId());
            Answer narrowed = Http.tokenRequest(Map.of("grant_type", "client_credentials", "scope", "products:read"), alices.clientId(),
                    alices.secret());
            assertEquals(200, narrowed.status(), narrowed.toString());
            readOnly = narrowed.json().get("access_token").asText();
            sku = "MATRIX-LIVE";
            product = Store.product(backOffice, sku, "live");
            annEmail = "ann@example.test";
            ann = Store.customer(backOffice, annEmail, "ann-secret-1");
            Store.customer(backOffice, "ben@example.test", "ben-secret-1");
            address = created(Store.post("/v2/customers/" + ann + "/addresses", backOffice, ADDRESS));
            order = created(Store.post("/v2/customers/" + ann + "/orders", backOffice, ORDER));
            annToken = customerToken(storefront, annEmail, "ann-secret-1");
            benToken = customerToken(storefront, "ben@example.test", "ben-secret-1");
        }

        private void theParticipant() {
            String participant = tenant("euid", List.of("integration"), "alice", "admin");
            participantKey = Euid.key(participant, "alice", "matrix", "integration", "mapper", "generator");
            optoutKey = Euid.key(participant, "alice", "matrix, no endpoint's role", "integration", "optout");
            revokedKey = Euid.key(participant, "alice", "matrix, revoked", "integration", "mapper", "generator");
            Answer revocation = Http.delete(tenantPath(participant, "credentials", revokedKey.id()), "alice");
            assertEquals(204, revocation.status(), revocation.toString());
        }

        private void anotherTenant() {
            otherStore = tenant("elastic-path", "dave", "admin");
            daves = credential(otherStore, "dave", body("name", "matrix, the other tenant's"));
            daveMember = memberId(otherStore, "dave", "dave");
            Answer invited = Http.post(tenantPath(otherStore, "invitations"), "dave", body("email", uniqueEmail(), "role", "member"));
            assertEquals(201, invited.status(), invited.toString());
            otherInvitation = invited.json().get("id").asText();
            otherWebhook = Http.post(tenantPath(otherStore, "webhooks"), "dave", body("url", "https://example.test/theirs",
                    "events", List.of("credential.leaked"))).json().get("id").asText();
            String theirs = Store.accessToken(daves.clientId(), daves.secret());
            otherProduct = Store.product(theirs, "MATRIX-THEIRS", "live");
            otherCustomer = Store.customer(theirs, "ann@example.test", "ann-secret-1");
            otherAddress = created(Store.post("/v2/customers/" + otherCustomer + "/addresses", theirs, ADDRESS));
            otherOrder = created(Store.post("/v2/customers/" + otherCustomer + "/orders", theirs, ORDER));
        }

        /**
         * The requests of one cell: one, or, for another tenant's objects under a path with more than the tenant's slug,
         * two: the other tenant's slug and objects, and this tenant's slug with the other tenant's objects.
         */
        List<Prepared> requests(Row row, Kind kind, Surface surface) {
            List<Function<String, String>> fillings = new ArrayList<>();
            if (kind == Kind.OTHERTENANT) {
                fillings.add(this::theirs);
                if (row.params().containsKey("slug") && row.params().size() > 1) {
                    fillings.add(fixture -> fixture.equals("store") ? store : theirs(fixture));
                }
            } else {
                fillings.add(this::ours);
            }
            List<Prepared> prepared = new ArrayList<>();
            for (Function<String, String> fixtures : fillings) {
                String path = Row.PARAMETER.matcher(row.path()).replaceAll(m ->
                        Matcher.quoteReplacement(encoded(fixtures.apply(row.params().get(m.group(1))))));
                String sacrificial = row.body() != null && row.body().contains("{{sacrificialToken}}") ? Store.accessToken(alices.clientId(),
                        alices.secret()) : null;
                Map<String, String> headers = headers(kind, surface);
                byte[] content = null;
                if (row.body() != null && surface == Surface.EUID) {
                    // as the SDK sends it: base64 text labelled as a form, enveloped under the secret of the key it names
                    headers.put("Content-Type", "application/x-www-form-urlencoded");
                    String text = VALUE.matcher(row.body()).replaceAll(m -> Matcher.quoteReplacement(value(m.group(1), sacrificial, surface)));
                    content = (path.endsWith("/token/refresh") ? text
                            : Euid.envelope((kind == Kind.NOROLE ? optoutKey : participantKey).secret(), Instant.now(), text).base64())
                            .getBytes(StandardCharsets.US_ASCII);
                } else if (row.body() != null) {
                    headers.put("Content-Type", surface == Surface.OAUTH ? "application/x-www-form-urlencoded" : "application/json");
                    content = VALUE.matcher(row.body()).replaceAll(m -> Matcher.quoteReplacement(value(m.group(1), sacrificial, surface)))
                            .getBytes(StandardCharsets.UTF_8);
                }
                prepared.add(new Prepared(new Wire.Request(row.method(), path, headers, content), sacrificial));
            }
            return prepared;
        }

        private Map<String, String> headers(Kind kind, Surface surface) {
            Map<String, String> h = new LinkedHashMap<>();
            switch (surface) {
                case MANAGEMENT -> {
                    switch (kind) {
                        case NONE -> {
                        }
                        case GARBAGE -> bearer(h, "not.a.token");
                        case EXPIRED -> bearer(h, expiredKeycloakToken);
                        case FOREIGN -> bearer(h, backOffice);
                        case NONMEMBER -> bearer(h, Http.token("erin"));
                        case MEMBER -> bearer(h, Http.token("bob"));
                        case ADMIN, OTHERTENANT -> bearer(h, Http.token("alice"));
                        case SUPERADMIN -> bearer(h, Http.token("carol"));
                        case OPERATOR -> bearer(h, Http.token("olivia"));
                        default -> throw new IllegalArgumentException(kind + " on " + surface);
                    }
                }
                case STORE -> {
                    switch (kind) {
                        case NONE -> {
                        }
                        case GARBAGE -> bearer(h, "not-a-token");
                        case EXPIRED -> bearer(h, expiredStoreToken);
                        case FOREIGN -> bearer(h, Http.token("alice"));
                        case BACKOFFICE, OTHERTENANT -> bearer(h, backOffice);
                        case READONLY -> bearer(h, readOnly);
                        case IMPLICIT -> bearer(h, storefront);
                        case CUSTOMER -> bearer(h, storefront).put("X-Moltin-Customer-Token", annToken);
                        case OTHERCUSTOMER -> bearer(h, storefront).put("X-Moltin-Customer-Token", benToken);
                        default -> throw new IllegalArgumentException(kind + " on " + surface);
                    }
                }
                case OAUTH -> {
                    switch (kind) {
                        case NONE -> {
                        }
                        case GARBAGE -> h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString("garbage".getBytes(StandardCharsets.UTF_8)));
                        case EXPIRED -> h.put("Authorization", Http.basic(revoked.clientId(), revoked.secret()));
                        case FOREIGN -> bearer(h, Http.token("alice"));
                        case CLIENT -> h.put("Authorization", Http.basic(alices.clientId(), alices.secret()));
                        case OTHERTENANT -> h.put("Authorization", Http.basic(daves.clientId(), daves.secret()));
                        default -> throw new IllegalArgumentException(kind + " on " + surface);
                    }
                }
                case EUID -> {
                    switch (kind) {
                        case NONE -> {
                        }
                        case GARBAGE -> bearer(h, "not-a-key");
                        case EXPIRED -> bearer(h, revokedKey.apiKey());
                        case FOREIGN -> bearer(h, backOffice);
                        case KEY -> bearer(h, participantKey.apiKey());
                        case NOROLE -> bearer(h, optoutKey.apiKey());
                        default -> throw new IllegalArgumentException(kind + " on " + surface);
                    }
                }
                case LEAKS -> {
                    switch (kind) {
                        case NONE -> {
                        }
                        case GARBAGE -> bearer(h, "not-a-token");
                        case FOREIGN -> bearer(h, Http.token("alice"));
                        default -> throw new IllegalArgumentException(kind + " on " + surface);
                    }
                }
                case CONSOLE -> {
                    switch (kind) {
                        case NONE -> {
                        }
                        case GARBAGE -> bearer(h, "not.a.token");
                        case FOREIGN -> bearer(h, Http.token("alice"));
                        default -> throw new IllegalArgumentException(kind + " on " + surface);
                    }
                }
                default -> throw new IllegalArgumentException(surface.name());
            }
            return h;
        }

        private static Map<String, String> bearer(Map<String, String> headers, String token) {
            headers.put("Authorization", "Bearer " + token);
            return headers;
        }

        /** A fixture of this tenant; those a cell may remove are made again first. */
        private String ours(String fixture) {
            return switch (fixture) {
                case "store" -> store;
                case "credential" -> alices.id();
                case "target" -> target();
                case "member" -> victimMember();
                case "invitation" -> invitation();
                case "webhook" -> webhook();
                case "product" -> product;
                case "doomedProduct" -> doomedProduct();
                case "customer" -> ann;
                case "address" -> address;
                case "doomedAddress" -> doomedAddress();
                case "order" -> order;
                case "file" -> "app.js";
                case "nothing" -> "mk-20260101-000000";
                default -> throw new IllegalArgumentException("no fixture " + fixture);
            };
        }

        /** The same fixture, of the other tenant. */
        private String theirs(String fixture) {
            return switch (fixture) {
                case "store" -> otherStore;
                case "credential", "target" -> daves.id();
                case "member" -> daveMember;
                case "invitation" -> otherInvitation;
                case "webhook" -> otherWebhook;
                case "product", "doomedProduct" -> otherProduct;
                case "customer" -> otherCustomer;
                case "address", "doomedAddress" -> otherAddress;
                case "order" -> otherOrder;
                case "file" -> "app.js";
                case "nothing" -> "mk-20260101-000000";
                default -> throw new IllegalArgumentException("no fixture " + fixture);
            };
        }

        /** A value made for the cell's body. */
        private String value(String name, String sacrificial, Surface surface) {
            String v = switch (name) {
                case "uniqueSlug" -> "matrix-" + UUID.randomUUID().toString().substring(0, 8);
                case "uniqueSku" -> "MATRIX-" + UUID.randomUUID().toString().substring(0, 8);
                case "uniqueEmail" -> uniqueEmail();
                case "joiner" -> joiner;
                case "annEmail" -> annEmail;
                case "sku" -> sku;
                case "probeToken" -> backOffice;
                case "sacrificialToken" -> sacrificial;
                case "advertisingToken" -> advertisingToken();
                case "refreshToken" -> refreshToken();
                default -> throw new IllegalArgumentException("no value {{" + name + "}}");
            };
            return surface == Surface.OAUTH ? URLEncoder.encode(v, StandardCharsets.UTF_8) : v;
        }

        /** A fresh identity of the participant's, for the token endpoints. */
        private JsonNode identity() {
            return Euid.call("/v2/token/generate", participantKey, "{\"email\":\"matrix@example.test\"}").get("body");
        }

        private String advertisingToken() {
            return identity().get("advertising_token").asText();
        }

        private String refreshToken() {
            return identity().get("refresh_token").asText();
        }

        private static String uniqueEmail() {
            return "matrix-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        }

        /** The victim's membership, restored when a cell removed it. */
        private String victimMember() {
            for (JsonNode m : Http.get(tenantPath(store, "members"), "alice").json()) {
                if (m.get("username").asText().equals(victim)) {
                    return m.get("id").asText();
                }
            }
            Answer added = Http.post(tenantPath(store, "members"), "carol", body("username", victim, "role", "member"));
            assertEquals(201, added.status(), added.toString());
            return added.json().get("id").asText();
        }

        /** The victim's active credential: enabled again when disabled, made again when revoked. */
        private String target() {
            victimMember();
            if (target != null) {
                String status = Http.get(tenantPath(store, "credentials", target), "alice").json().path("status").asText();
                if (status.equals("active")) {
                    return target;
                }
                if (status.equals("disabled")) {
                    Answer enabled = Http.post(tenantPath(store, "credentials", target, "enable"), "alice", "");
                    assertEquals(200, enabled.status(), enabled.toString());
                    return target;
                }
            }
            target = credential(store, victim, body("name", "matrix target")).id();
            return target;
        }

        /** A webhook endpoint of the tenant, made again when a cell deleted it. */
        private String webhook() {
            if (webhook != null && Http.get(tenantPath(store, "webhooks"), "alice").body().contains(webhook)) {
                return webhook;
            }
            Answer made = Http.post(tenantPath(store, "webhooks"), "alice", body("url", "https://example.test/ours",
                    "events", List.of("credential.leaked")));
            assertEquals(201, made.status(), made.toString());
            webhook = made.json().get("id").asText();
            return webhook;
        }

        /** A pending invitation, made again when a cell cancelled it. */
        private String invitation() {
            if (invitation != null) {
                for (JsonNode i : Http.get(tenantPath(store, "invitations"), "alice").json()) {
                    if (i.get("id").asText().equals(invitation) && i.get("status").asText().equals("pending")) {
                        return invitation;
                    }
                }
            }
            Answer invited = Http.post(tenantPath(store, "invitations"), "alice", body("email", uniqueEmail(), "role", "member"));
            assertEquals(201, invited.status(), invited.toString());
            invitation = invited.json().get("id").asText();
            return invitation;
        }

        private String doomedProduct() {
            if (doomedProduct == null || Store.get("/v2/products/" + doomedProduct, backOffice).status() == 404) {
                doomedProduct = Store.product(backOffice, "MATRIX-" + UUID.randomUUID().toString().substring(0, 8), "draft");
            }
            return doomedProduct;
        }

        private String doomedAddress() {
            String addresses = "/v2/customers/" + ann + "/addresses";
            if (doomedAddress == null || Store.get(addresses + "/" + doomedAddress, backOffice).status() == 404) {
                doomedAddress = created(Store.post(addresses, backOffice, ADDRESS));
            }
            return doomedAddress;
        }

        /** Whether this tenant's own client still finds the token active. */
        boolean stillActive(String token) {
            return Http.oauth("introspect", Map.of("token", token), alices.clientId(), alices.secret()).json().path("active").asBoolean();
        }

        private static String created(Answer a) {
            assertEquals(201, a.status(), a.toString());
            return a.json().get("data").get("id").asText();
        }

        private static String customerToken(String storefront, String email, String password) {
            Answer signedIn = Store.customerToken(storefront, email, password);
            assertEquals(200, signedIn.status(), signedIn.toString());
            return signedIn.json().get("data").get("token").asText();
        }

        private static String encoded(String segment) {
            return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
        }

        /**
         * A real Keycloak token of alice's with its expiry moved an hour into the past and signed again with a key of
         * this test's: expired, and signed by nobody Keyward trusts.
         */
        static String expired(String token) {
            String[] parts = token.split("\\.");
            try {
                ObjectNode claims = (ObjectNode) Http.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
                long now = Instant.now().getEpochSecond();
                claims.put("iat", now - 7200).put("exp", now - 3600);
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                String signed = parts[0] + "." + b64.encodeToString(Http.JSON.writeValueAsBytes(claims));
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(2048);
                KeyPair nobodys = rsa.generateKeyPair();
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(nobodys.getPrivate());
                signature.update(signed.getBytes(StandardCharsets.US_ASCII));
                return signed + "." + b64.encodeToString(signature.sign());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
