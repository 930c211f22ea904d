package dev.keyward.web.store;

import dev.keyward.domain.credential.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a store API method needs in the token's scope. Where {@code orCustomerToken} is set, a
 * valid customer token opens the method instead, for that customer's own data only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {

    Permission value();

    boolean orCustomerToken() default false;
}
