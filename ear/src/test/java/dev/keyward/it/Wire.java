package dev.keyward.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requests sent as a test writes them, for hostile input: any method, any header, any body, and no
 * {@code Content-Type} unless one is given. And what every answer of Keyward must be, whatever was sent: below 500,
 * free of internals, and in the wire format of the surface that gave it. The checks return findings instead of
 * failing, so that a test sending many requests reports every fault of one run together.
 */
public final class Wire {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** What a client must never read: exception and class names, stack frames, package names, SQL. */
    private static final List<Pattern> INTERNALS = List.of(
            Pattern.compile("\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z]\\w*(Exception|Error)\\b"),
            Pattern.compile("Exception|Caused by:|\\tat |at dev\\.keyward|dev\\.keyward\\.|org\\.hibernate|org\\.h2\\.|org\\.jboss|"
                    + "io\\.undertow|jakarta\\.|java\\.lang|java\\.sql|RESTEASY"),
            Pattern.compile("(?i)\\bselect\\b.{0,200}?\\bfrom\\b|\\binsert into\\b|\\bSQLState\\b|\\bSQL statement\\b|\\bconstraint\\b"));

    /** The longest prefix of a value the error mapper quotes before cutting it short with "...". */
    private static final int QUOTED_PREFIX = 37;

    private Wire() {
    }

    /** Keyward's four kinds of answer: RFC 9457 problems, RFC 6749 errors, JSON:API errors, the console's files. */
    public enum Surface {
        MANAGEMENT, OAUTH, STORE, EUID, CONSOLE
    }

    /** A request exactly as it goes out; {@code body} null for none. */
    public record Request(String method, String path, Map<String, String> headers, byte[] body) {
    }

    /**
     * Sends the request. Empty when Java's HTTP client will not put it on the wire (a header value with a line
     * break, a restricted header); a connection the server drops is an answer with status 0.
     */
    public static Optional<Answer> send(Request request) {
        HttpRequest built;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Http.KEYWARD + request.path())).timeout(Duration.ofSeconds(60))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(b::header);
            built = b.build();
        } catch (IllegalArgumentException unsendable) {
            return Optional.empty();
        }
        IOException dropped = null;
        for (int attempt = 0; attempt < 2; attempt++) { // once more on a pooled connection the server had closed
            try {
                HttpResponse<String> r = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
                return Optional.of(new Answer(r.statusCode(), r.headers(), r.body()));
            } catch (IllegalArgumentException unsendable) {
                return Optional.empty(); // a header value the client checks only when it writes it
            } catch (IOException e) {
                dropped = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Optional.of(new Answer(0, HttpHeaders.of(Map.of(), (a, b) -> true), "no answer: " + dropped));
    }

    /**
     * What is wrong with an answer of {@code surface}: a server error, internals in the body, an error that is not in
     * the surface's format. {@code echoed} are values the request carried, which Keyward may quote back in a
     * refusal's detail: they are not counted as internals when they are the client's own words.
     */
    public static List<String> findings(Surface surface, Answer a, Collection<String> echoed) {
        List<String> findings = new ArrayList<>();
        if (a.status() == 0) {
            findings.add(a.body());
            return findings;
        }
        if (a.status() >= 500) {
            findings.add("server error " + a.status());
        }
        String leak = internals(a.body(), echoed);
        if (leak != null) {
            findings.add("internals in the body: '" + leak + "'");
        }
        if (a.status() >= 400) {
            String format = formatFault(surface, a);
            if (format != null) {
                findings.add(format);
            }
        }
        return findings;
    }

    /** The first internal the body shows, or null. */
    static String internals(String body, Collection<String> echoed) {
        String text = body == null ? "" : body;
        for (String value : echoed) {
            text = withoutEcho(text, value);
        }
        for (Pattern p : INTERNALS) {
            var m = p.matcher(text);
            if (m.find()) {
                return m.group();
            }
        }
        return null;
    }

    /** The body without the client's own value where that value would itself read as an internal. */
    private static String withoutEcho(String body, String value) {
        if (value == null || value.isEmpty() || INTERNALS.stream().noneMatch(p -> p.matcher(value).find())) {
            return body;
        }
        String text = body;
        for (String form : List.of(value, jsonEscaped(value))) {
            text = text.replace(form, "");
            if (form.length() > QUOTED_PREFIX) {
                text = text.replace(form.substring(0, QUOTED_PREFIX), "");
            }
        }
        return text;
    }

    private static String formatFault(Surface surface, Answer a) {
        JsonNode body;
        try {
            body = Http.JSON.readTree(a.body());
        } catch (IOException notJson) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return "not a JSON object: " + shortened(a.body());
        }
        return switch (surface) {
            case MANAGEMENT, CONSOLE -> problemFault(a, body);
            case OAUTH -> body.path("error").isTextual() && !body.get("error").asText().isBlank()
                    ? null : "not an RFC 6749 error: " + shortened(a.body());
            case STORE -> jsonApiFault(a, body);
            case EUID -> body.path("status").isTextual() && !"success".equals(body.get("status").asText())
                    ? null : "not the EUID operator's {\"status\":...}: " + shortened(a.body());
        };
    }

    /** RFC 9457: its media type, a type, a title and the status. */
    private static String problemFault(Answer a, JsonNode p) {
        String type = a.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not application/problem+json but " + type;
        }
        if (!p.path("type").isTextual() || !p.path("title").isTextual() || p.path("status").asInt() != a.status()) {
            return "not an RFC 9457 problem with type, title and status: " + shortened(a.body());
        }
        return null;
    }

    /** Elastic Path's JSON:API errors: {@code errors}, each with the status as a string and a title. */
    private static String jsonApiFault(Answer a, JsonNode body) {
        JsonNode errors = body.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return "not a JSON:API error document: " + shortened(a.body());
        }
        for (JsonNode e : errors) {
            if (!String.valueOf(a.status()).equals(e.path("status").asText()) || !e.path("title").isTextual()) {
                return "a JSON:API error without its status or title: " + shortened(a.body());
            }
        }
        return null;
    }

    /** A value as it reads inside a JSON string. */
    public static String jsonEscaped(String value) {
        StringBuilder s = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }

    /** A value as a JSON string literal, quotes included; non-ASCII escaped, so a lone surrogate survives the trip. */
    public static String jsonString(String value) {
        return "\"" + jsonEscaped(value) + "\"";
    }

    public static String shortened(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ");
        return t.length() <= 300 ? t : t.substring(0, 297) + "...";
    }
}
