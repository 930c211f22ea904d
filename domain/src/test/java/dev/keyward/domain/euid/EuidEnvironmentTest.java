package dev.keyward.domain.euid;

import dev.keyward.domain.shared.DomainException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EuidEnvironmentTest {

    @Test
    void integrationAndProductionAndNothingElse() {
        assertEquals(List.of("integration", "production"), EuidEnvironment.slugs());
        assertEquals('P', EuidEnvironment.of("production").letter());
        assertEquals('I', EuidEnvironment.of("integration").letter());
        assertEquals(Optional.of(EuidEnvironment.PRODUCTION), EuidEnvironment.ofLetter('P'));
        assertEquals(Optional.empty(), EuidEnvironment.ofLetter('X'));
        assertEquals("invalid-environment", assertThrows(DomainException.class, () -> EuidEnvironment.of("staging")).type());
    }
}
