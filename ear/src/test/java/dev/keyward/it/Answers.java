package dev.keyward.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyward.it.Http.Answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What every error answer must be, in each of Keyward's wire formats. */
public final class Answers {

    public static final String PROBLEM_TYPES = "https://keyward.dev/problems/";

    private Answers() {
    }

    /** RFC 9457 on the management API: the status, the problem's type, a detail for people, no internals. */
    public static void assertProblem(Answer a, int status, String type) {
        assertEquals(status, a.status(), a.toString());
        assertEquals("application/problem+json", a.header("Content-Type"), a.toString());
        JsonNode p = a.json();
        assertEquals(PROBLEM_TYPES + type, p.get("type").asText(), a.toString());
        assertEquals(status, p.get("status").asInt());
        assertFalse(p.get("detail").asText().isBlank());
        assertNoInternals(a);
    }

    /** RFC 6749 §5.2 on the OAuth endpoints. */
    public static void assertOAuth(Answer a, int status, String error) {
        assertEquals(status, a.status(), a.toString());
        assertEquals(error, a.json().get("error").asText(), a.toString());
        assertNoInternals(a);
    }

    /** No exception, class or stack frame in a body a client reads. */
    public static void assertNoInternals(Answer a) {
        assertFalse(a.body().contains("Exception"), a.body());
        assertFalse(a.body().contains("dev.keyward"), a.body());
        assertFalse(a.body().contains("at org."), a.body());
    }
}
