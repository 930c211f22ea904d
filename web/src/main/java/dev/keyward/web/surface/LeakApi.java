package dev.keyward.web.surface;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The leak-report endpoints ({@code /leaks/...}): each authenticates its reporter its own way (GitHub's signature,
 * GitLab's pre-shared token, nobody for the public one); errors are RFC 9457 problems.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LeakApi {
}
