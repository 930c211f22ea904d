package dev.keyward.web.surface;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The EUID participant endpoints (`/euid/v2`, `/euid/v3`): API keys and envelopes, the operator's {@code {"status":...}} errors. */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface EuidApi {
}
