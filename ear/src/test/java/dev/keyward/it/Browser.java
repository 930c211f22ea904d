package dev.keyward.it;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at a browser, on Keycloak's real pages: cookies kept, redirects followed within Keycloak, forms
 * filled in and submitted as the page declares them. It stops at a redirect that leaves Keycloak (the
 * console's redirect URI with its code), which is where the console's own code would take over.
 */
public final class Browser {

    public static final String CONSOLE = Http.KEYWARD + "/console/";
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input[^>]*>", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w[\\w-]*)=\"([^\"]*)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new Jar())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * Cookies as a browser keeps them for localhost, by path (the keyward and partner realms set cookies of
     * the same names on their own paths). The JDK's own cookie manager will not send a {@code Secure} cookie
     * over plain HTTP, while browsers do on localhost, and Keycloak marks its login cookies so.
     */
    private static final class Jar extends CookieHandler {
        /** path, then name, then value */
        private final Map<String, Map<String, String>> byPath = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            Map<String, String> send = new LinkedHashMap<>();
            byPath.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                    .sorted(Map.Entry.comparingByKey()) // longer, more specific paths last, so they win
                    .forEach(e -> send.putAll(e.getValue()));
            if (send.isEmpty()) {
                return Map.of();
            }
            return Map.of("Cookie", List.of(send.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) {
            headers.forEach((name, values) -> {
                if (name == null || !name.equalsIgnoreCase("Set-Cookie")) {
                    return;
                }
                for (String value : values) {
                    String[] parts = value.split(";");
                    int eq = parts[0].indexOf('=');
                    String key = parts[0].substring(0, eq).trim();
                    String v = parts[0].substring(eq + 1).trim();
                    String path = uri.getPath().substring(0, uri.getPath().lastIndexOf('/') + 1);
                    boolean expired = v.isEmpty();
                    for (String attribute : parts) {
                        String a = attribute.trim().toLowerCase(Locale.ROOT);
                        if (a.startsWith("path=")) {
                            path = attribute.trim().substring(5);
                        } else if (a.equals("max-age=0") || (a.startsWith("expires=") && a.contains("1970"))) {
                            expired = true;
                        }
                    }
                    Map<String, String> jar = byPath.computeIfAbsent(path.endsWith("/") ? path : path + "/", k -> new LinkedHashMap<>());
                    if (expired) {
                        jar.remove(key);
                    } else {
                        jar.put(key, v);
                    }
                }
            });
        }
    }

    /** What the browser shows: a Keycloak page, or the redirect that left Keycloak. */
    public record Page(int status, URI uri, String body, URI leftTo) {

        /** The value of a hidden or visible input of the page's first form. */
        public String input(String name) {
            return inputs().get(name);
        }

        public Map<String, String> inputs() {
            Matcher form = FORM.matcher(body);
            Map<String, String> fields = new LinkedHashMap<>();
            if (form.find()) {
                Matcher input = INPUT.matcher(form.group(2));
                while (input.find()) {
                    Map<String, String> a = attributes(input.group());
                    if (a.containsKey("name") && !"submit".equals(a.get("type")) && !"checkbox".equals(a.get("type"))) {
                        fields.put(a.get("name"), unescape(a.getOrDefault("value", "")));
                    }
                }
            }
            return fields;
        }

        public String formAction() {
            Matcher form = FORM.matcher(body);
            if (!form.find()) {
                throw new AssertionError("no form on " + uri + ":\n" + body);
            }
            return unescape(form.group(1));
        }

        /** The authorization code the redirect carries, if the browser has left Keycloak for the console. */
        public String code() {
            if (leftTo == null) {
                throw new AssertionError("still on Keycloak's page " + uri + ":\n" + text());
            }
            Matcher m = Pattern.compile("[?&#]code=([^&]+)").matcher(leftTo.toString());
            if (!m.find()) {
                throw new AssertionError("no code in " + leftTo);
            }
            return m.group(1);
        }

        /** The page's text without markup, for assertions on what a person reads. */
        public String text() {
            return unescape(body.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " "));
        }
    }

    public Page open(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** Submits the page's first form with its own fields, overridden by {@code fields}. */
    public Page submit(Page page, Map<String, String> fields) {
        Map<String, String> all = page.inputs();
        all.putAll(fields);
        String form = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        URI action = page.uri().resolve(page.formAction());
        return follow(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A PKCE authorization request of the console, as keycloak-js would make it. */
    public record Authorization(String url, String verifier) {
    }

    public static Authorization consoleLogin(String realm, String extra) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            return new Authorization(Http.KEYCLOAK + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=keyward-console"
                    + "&response_type=code&scope=openid&state=s" + System.nanoTime() + "&redirect_uri=" + enc(CONSOLE)
                    + "&code_challenge_method=S256&code_challenge=" + challenge + (extra == null ? "" : extra), verifier);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exchanges the console's code for tokens, as keycloak-js would; returns the access token. */
    public static String exchange(String code, Authorization authorization) {
        Http.Answer a = Http.keycloakToken(Map.of("grant_type", "authorization_code", "client_id", "keyward-console", "code", code,
                "redirect_uri", CONSOLE, "code_verifier", authorization.verifier()));
        if (a.status() != 200) {
            throw new AssertionError("code exchange failed: " + a);
        }
        return a.json().get("access_token").asText();
    }

    private Page follow(HttpRequest request) {
        try {
            for (int hops = 0; hops < 15; hops++) {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 != 3) {
                    return new Page(r.statusCode(), r.uri(), r.body(), null);
                }
                URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
                if (!next.toString().startsWith(Http.KEYCLOAK)) {
                    return new Page(r.statusCode(), r.uri(), r.body(), next);
                }
                request = HttpRequest.newBuilder(next).GET().build();
            }
            throw new AssertionError("too many redirects from " + request.uri());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            a.put(m.group(1), m.group(2));
        }
        return a;
    }

    static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&#47;", "/");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
