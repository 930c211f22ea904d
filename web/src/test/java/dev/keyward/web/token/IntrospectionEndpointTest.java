package dev.keyward.web.token;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What introspection reads of a request's media types before its body, as JAX-RS read them for it before. */
class IntrospectionEndpointTest {

    @Test
    void takesFormEncodingWhateverItsParameters() {
        assertTrue(IntrospectionEndpoint.isForm("application/x-www-form-urlencoded"));
        assertTrue(IntrospectionEndpoint.isForm("Application/X-WWW-Form-Urlencoded ; charset=UTF-8"));
        assertFalse(IntrospectionEndpoint.isForm(null));
        assertFalse(IntrospectionEndpoint.isForm("application/json"));
        assertFalse(IntrospectionEndpoint.isForm("application/x-www-form-urlencodedx"));
        assertFalse(IntrospectionEndpoint.isForm("multipart/form-data; boundary=x"));
    }

    @Test
    void answersJsonUnlessTheCallerRefusesIt() {
        assertTrue(IntrospectionEndpoint.acceptsJson(null));
        assertTrue(IntrospectionEndpoint.acceptsJson(""));
        assertTrue(IntrospectionEndpoint.acceptsJson("application/json"));
        assertTrue(IntrospectionEndpoint.acceptsJson("text/html;q=0.9, */*;q=0.1"));
        assertTrue(IntrospectionEndpoint.acceptsJson("Application/*"));
        assertTrue(IntrospectionEndpoint.acceptsJson("application/json; charset=utf-8; q=1"));
        assertFalse(IntrospectionEndpoint.acceptsJson("text/html"));
        assertFalse(IntrospectionEndpoint.acceptsJson("application/xml, text/*"));
        assertFalse(IntrospectionEndpoint.acceptsJson("application/json;q=0"), "q=0 refuses the range");
        assertFalse(IntrospectionEndpoint.acceptsJson("*/*;q=0.0"));
        assertFalse(IntrospectionEndpoint.acceptsJson("application/json;q=x"), "an unreadable weight counts as refused");
        assertFalse(IntrospectionEndpoint.acceptsJson("application/json;q=NaN"));
        assertFalse(IntrospectionEndpoint.acceptsJson("application/json;q=1.5"));
        assertTrue(IntrospectionEndpoint.acceptsJson("application/json;q=0.001"));
        assertFalse(IntrospectionEndpoint.acceptsJson("application/json;q=0, */*"), "the most specific range decides");
        assertFalse(IntrospectionEndpoint.acceptsJson("*/*, application/*;q=0.000"));
        assertTrue(IntrospectionEndpoint.acceptsJson("*/*;q=0, application/json"));
    }
}
