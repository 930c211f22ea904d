package dev.keyward.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The test mail server's inbox for one address, read through GreenMail's API. */
public final class Mailbox {

    public static final String URL = System.getProperty("keyward.it.mailUrl", "http://127.0.0.1:13080");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Mailbox() {
    }

    /** The raw MIME messages received for {@code address}, waiting up to 15 s for at least {@code count}. */
    public static List<String> await(String address, int count) {
        return Eventually.eventually(Duration.ofSeconds(15), () -> read(address), m -> m.size() >= count,
                count + " message(s) for " + address);
    }

    /** A message's text as a person reads it: folded header lines joined, quoted-printable soft line breaks and '=' undone. */
    public static String text(String mime) {
        return mime.replaceAll("\r?\n[ \t]", " ").replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    }

    /** The messages for {@code address} whose text holds {@code phrase}, waiting up to 15 s for at least {@code count}. */
    public static List<String> awaitWith(String address, String phrase, int count) {
        return Eventually.eventually(Duration.ofSeconds(15), () -> read(address).stream().map(Mailbox::text)
                .filter(m -> m.contains(phrase)).toList(), m -> m.size() >= count, count + " message(s) for " + address + " with " + phrase);
    }

    /** The messages for {@code address} whose text holds {@code phrase}, as they are now. */
    public static List<String> with(String address, String phrase) {
        return read(address).stream().map(Mailbox::text).filter(m -> m.contains(phrase)).toList();
    }

    /** The Keycloak action link in a message: quoted-printable undone, HTML entities undone. */
    public static String actionLink(String mime) {
        String text = mime.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=").replace("&amp;", "&");
        Matcher m = Pattern.compile("https?://[^\\s\"<>]+/login-actions/action-token\\?[^\\s\"<>]+").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no action link in:\n" + text);
        }
        return m.group();
    }

    private static List<String> read(String address) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(URL + "/api/user/"
                    + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX")).GET().build(), HttpResponse.BodyHandlers.ofString());
            List<String> messages = new ArrayList<>();
            if (r.statusCode() == 200) {
                for (JsonNode m : Http.JSON.readTree(r.body())) {
                    messages.add(m.get("mimeMessage").asText());
                }
            }
            return messages;
        } catch (IOException e) {
            throw new AssertionError("the test mail server does not answer at " + URL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
