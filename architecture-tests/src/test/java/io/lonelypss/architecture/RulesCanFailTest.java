package io.lonelypss.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.lonelypss.domain.planted.PlantedViolation;
import org.junit.jupiter.api.Test;

/** Proves the rules are not vacuous: a planted violation is caught. */
class RulesCanFailTest {

  @Test
  void aDomainClassUsingJdbcAndVertxBreaksTheLayeringRules() {
    JavaClasses planted = new ClassFileImporter().importClasses(PlantedViolation.class);
    AssertionError domain =
        assertThrows(
            AssertionError.class, () -> LayeringRules.DOMAIN_USES_THE_JDK_ONLY.check(planted));
    assertTrue(domain.getMessage().contains("java.sql.Connection"), domain.getMessage());
    assertThrows(AssertionError.class, () -> LayeringRules.JDBC_ONLY_IN_PERSISTENCE.check(planted));
    assertThrows(
        AssertionError.class, () -> LayeringRules.VERTX_ONLY_IN_ITS_ADAPTERS.check(planted));
  }
}
