package io.lonelypss.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.concurrent.CompletionStage;

/** The layering and naming rules of the house style, shared by the tests that check them. */
final class LayeringRules {
  private LayeringRules() {}

  static final String DOMAIN = "io.lonelypss.domain..";
  static final String APPLICATION = "io.lonelypss.application..";
  static final String PORT_IN = "io.lonelypss.application.port.in..";
  static final String PORT_OUT = "io.lonelypss.application.port.out..";
  static final String SERVICE = "io.lonelypss.application.service..";
  static final String HTTP = "io.lonelypss.adapter.in.http..";
  static final String PERSISTENCE = "io.lonelypss.adapter.out.persistence..";
  static final String WEBHOOK = "io.lonelypss.adapter.out.webhook..";
  static final String BOOTSTRAP = "io.lonelypss.bootstrap..";

  static final ArchRule DOMAIN_USES_THE_JDK_ONLY =
      classes()
          .that()
          .resideInAPackage(DOMAIN)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              DOMAIN,
              "java.lang..",
              "java.util..",
              "java.nio..",
              "java.io..",
              "java.security..",
              "java.time..",
              "java.net..",
              "java.math..",
              "javax.crypto..")
          .as("the domain depends on the core JDK only (no JDBC, no frameworks)");

  static final ArchRule APPLICATION_USES_THE_DOMAIN_AND_JDK_ONLY =
      classes()
          .that()
          .resideInAPackage(APPLICATION)
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(APPLICATION, DOMAIN, "java..")
          .as("the application depends on the domain and the JDK only");

  static final ArchRule HEXAGON =
      onionArchitecture()
          .domainModels(DOMAIN)
          .domainServices(PORT_IN, PORT_OUT)
          .applicationServices(SERVICE)
          .adapter("http", HTTP)
          .adapter("persistence", PERSISTENCE)
          .adapter("webhook", WEBHOOK)
          .ignoreDependency(
              JavaClass.Predicates.resideInAPackage(BOOTSTRAP), DescribedPredicate.alwaysTrue())
          .as("adapters depend inward only and never on each other");

  static final ArchRule VERTX_ONLY_IN_ITS_ADAPTERS =
      noClasses()
          .that()
          .resideOutsideOfPackages(HTTP, WEBHOOK, BOOTSTRAP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.vertx..", "io.netty..")
          .as("Vert.x and Netty appear only in the HTTP and webhook adapters and bootstrap");

  static final ArchRule JDBC_ONLY_IN_PERSISTENCE =
      noClasses()
          .that()
          .resideOutsideOfPackages(PERSISTENCE, BOOTSTRAP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..", "javax.sql..", "com.zaxxer..", "org.sqlite..", "org.postgresql..")
          .as("JDBC, HikariCP and drivers appear only in the persistence adapter and bootstrap");

  static final ArchRule USE_CASES_ARE_NAMED_USE_CASE =
      classes()
          .that()
          .resideInAPackage(PORT_IN)
          .and()
          .areInterfaces()
          .should()
          .haveSimpleNameEndingWith("UseCase");

  static final ArchRule IN_PORT_INPUTS_ARE_COMMANDS_OR_RESULTS =
      classes()
          .that()
          .resideInAPackage(PORT_IN)
          .and()
          .areRecords()
          .should()
          .haveSimpleNameEndingWith("Command")
          .orShould()
          .haveSimpleNameEndingWith("Result");

  private static final DescribedPredicate<JavaClass> RETURN_COMPLETION_STAGES =
      DescribedPredicate.describe(
          "declare methods returning CompletionStage",
          c ->
              c.getMethods().stream()
                  .anyMatch(m -> m.getRawReturnType().isAssignableTo(CompletionStage.class)));

  static final ArchRule OUT_PORTS_ARE_NAMED_PORT =
      classes()
          .that()
          .resideInAPackage(PORT_OUT)
          .and()
          .areInterfaces()
          .and(RETURN_COMPLETION_STAGES)
          .should()
          .haveSimpleNameEndingWith("Port");

  static final ArchRule SERVICES_ARE_NAMED_SERVICE =
      classes()
          .that()
          .resideInAPackage(SERVICE)
          .and()
          .implement(JavaClass.Predicates.resideInAPackage(PORT_IN))
          .should()
          .haveSimpleNameEndingWith("Service");

  static final ArchRule ADAPTERS_ARE_NAMED_ADAPTER =
      classes()
          .that()
          .resideInAnyPackage(PERSISTENCE, WEBHOOK)
          .and()
          .implement(
              DescribedPredicate.and(
                  JavaClass.Predicates.resideInAPackage(PORT_OUT),
                  JavaClass.Predicates.simpleNameEndingWith("Port")))
          .should()
          .haveSimpleNameEndingWith("Adapter");
}
