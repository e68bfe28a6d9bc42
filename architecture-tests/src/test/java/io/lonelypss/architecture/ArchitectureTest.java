package io.lonelypss.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Checks every layering and naming rule against the production classes of all modules. */
@AnalyzeClasses(packages = "io.lonelypss", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchRule domainIsJdkOnly = LayeringRules.DOMAIN_USES_THE_JDK_ONLY;

  @ArchTest
  static final ArchRule applicationIsDomainAndJdkOnly =
      LayeringRules.APPLICATION_USES_THE_DOMAIN_AND_JDK_ONLY;

  @ArchTest static final ArchRule hexagon = LayeringRules.HEXAGON;

  @ArchTest static final ArchRule vertxOnlyInItsAdapters = LayeringRules.VERTX_ONLY_IN_ITS_ADAPTERS;

  @ArchTest static final ArchRule jdbcOnlyInPersistence = LayeringRules.JDBC_ONLY_IN_PERSISTENCE;

  @ArchTest static final ArchRule useCases = LayeringRules.USE_CASES_ARE_NAMED_USE_CASE;

  @ArchTest
  static final ArchRule commandsAndResults = LayeringRules.IN_PORT_INPUTS_ARE_COMMANDS_OR_RESULTS;

  @ArchTest static final ArchRule outPorts = LayeringRules.OUT_PORTS_ARE_NAMED_PORT;

  @ArchTest static final ArchRule services = LayeringRules.SERVICES_ARE_NAMED_SERVICE;

  @ArchTest static final ArchRule adapters = LayeringRules.ADAPTERS_ARE_NAMED_ADAPTER;
}
