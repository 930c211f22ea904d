package dev.keyward.web.token;

import dev.keyward.token.boundary.OAuthError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormTest {

    static final String FORM = "application/x-www-form-urlencoded";

    static Form read(String body, String type) {
        return Form.read(body.getBytes(StandardCharsets.ISO_8859_1), type);
    }

    @Test
    void readsFieldsWithTheirEscapes() {
        Form f = read("grant_type=client_credentials&scope=orders%3Aread+products%3Aread&client_id=kwc_%C3%A9&empty=", FORM);
        assertEquals("client_credentials", f.field("grant_type"));
        assertEquals("orders:read products:read", f.field("scope"));
        assertEquals("kwc_é", f.field("client_id"));
        assertNull(f.field("empty"), "empty is absent");
        assertNull(f.field("missing"));
        assertEquals("x", read("a=x", FORM + "; charset=UTF-8").field("a"));
    }

    @Test
    void aFieldGivenTwiceIsAnInvalidRequest() {
        OAuthError e = assertThrows(OAuthError.class, () -> read("grant_type=a&grant_type=b", FORM).field("grant_type"));
        assertEquals("invalid_request", e.error());
    }

    @Test
    void brokenEncodingIsAnInvalidRequestNotAFault() {
        for (String body : new String[]{"grant_type=%", "client_id=%zz&client_secret=%", "token=%%%.%%%.%%%", "a=%4", "a=%FF%FE"}) {
            OAuthError e = assertThrows(OAuthError.class, () -> read(body, FORM), body);
            assertEquals("invalid_request", e.error(), body);
        }
        assertEquals("invalid_request", assertThrows(OAuthError.class, () -> read("a=b", FORM + "; charset=bogus")).error());
        assertEquals("invalid_request", assertThrows(OAuthError.class, () -> read("a=\u00e9", FORM)).error(), "raw bytes outside ASCII");
    }
}
