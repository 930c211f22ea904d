package dev.keyward.web.token;

import dev.keyward.token.boundary.OAuthError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An OAuth request's {@code application/x-www-form-urlencoded} body, read strictly by Keyward rather than by the
 * framework: a broken percent-escape, bytes that are not UTF-8 or a charset other than UTF-8 is the client's
 * {@code invalid_request} (RFC 6749 §5.2), answered before anything else and never logged as a fault.
 */
record Form(Map<String, List<String>> fields) {

    static Form read(byte[] body, String contentType) {
        String charset = charsetOf(contentType);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("us-ascii")) {
            throw new OAuthError("invalid_request", "The body must be UTF-8 form encoding (RFC 6749 Appendix B).");
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String text = body == null ? "" : ascii(body);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new Form(fields);
    }

    /** One field, absent when empty; given twice is an invalid request (RFC 6749 §3.2). */
    String field(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new OAuthError("invalid_request", name + " is given more than once.");
        }
        String value = values.get(0);
        return value.isEmpty() ? null : value;
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                return p.substring(8).replace("\"", "").trim();
            }
        }
        return null;
    }

    /** Form encoding is ASCII on the wire; anything else is not form encoding. */
    private static String ascii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                throw new OAuthError("invalid_request", "The body is not form encoding: escape every byte outside ASCII.");
            }
        }
        return new String(body, StandardCharsets.US_ASCII);
    }

    /** Percent-decoding with '+' as a space, refusing broken escapes and escapes that are not UTF-8. */
    private static String decode(String s) {
        ByteBuffer bytes = ByteBuffer.allocate(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new OAuthError("invalid_request", "The body has a broken percent-escape.");
                }
                bytes.put((byte) (Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16)));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new OAuthError("invalid_request", "The body's escapes are not UTF-8.");
        }
    }
}
