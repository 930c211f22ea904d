package dev.keyward.web.problem;

import java.util.List;

/**
 * What went wrong, before it is written in the wire format of the surface that answers: its status, a stable
 * type slug, words for people, the fields at fault, the incident of an internal error, the RFC 6749 error
 * code where the failure is an OAuth one, and the RFC 6750 challenge where a bearer token was refused.
 */
record Failure(int status, String type, String title, String detail, List<Problem.FieldError> errors,
               String incident, String oauthError, String bearerChallenge) {

    static Failure of(int status, String type, String title, String detail) {
        return new Failure(status, type, title, detail, null, null, null, null);
    }
}
