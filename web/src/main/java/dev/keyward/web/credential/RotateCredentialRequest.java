package dev.keyward.web.credential;

/** {@code POST …/credentials/{id}/rotate}: how long the old secret keeps working (default one hour). */
public record RotateCredentialRequest(Long graceSeconds) {
}
