package dev.keyward.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs the run's server on PostgreSQL, the production database. Such tests run after all others, in the
 * build's PostgreSQL phase (the failsafe execution for the tag {@value #TAG}): the first of them starts the server again
 * on a new database of the tests' PostgreSQL, and it stays there until the run ends, so that the phase pays for one
 * switch, not one there and one back per test.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(OnPostgresql.TAG)
@ExtendWith(PostgresqlPhase.class)
public @interface OnPostgresql {

    String TAG = "postgresql";
}
