package org.flowgate.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import org.flowgate.mgmt.archfixture.ReachesIntoAnSpu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/adr/0001-build-and-layout.md, checked on the compiled product classes: a
 * forbidden dependency fails the build. One direction at each step: config compiles into the data
 * plane's immutable model, management reaches the SPUs only through the engine's query set, and
 * inside the data plane the per-packet code knows nothing of who asks it.
 *
 * <pre>
 *  server ─► mgmt ─► dataplane.control ─► spu ─► flow ─► session, packet, model
 *              │ └─► dataplane.log (event channel)      model = net route zone policy
 *              └───► config ─► dataplane model + runtime         application nat screen
 * </pre>
 */
class LayeringTest {
  private static final String[] MODEL = {
    "org.flowgate.dataplane.net..",
    "org.flowgate.dataplane.route..",
    "org.flowgate.dataplane.zone..",
    "org.flowgate.dataplane.policy..",
    "org.flowgate.dataplane.application..",
    "org.flowgate.dataplane.nat..",
    "org.flowgate.dataplane.screen.."
  };

  private static JavaClasses product;

  @BeforeAll
  static void importProductClasses() {
    // Only the modules' own jars or class folders: scanning the whole class path takes seconds.
    List<Location> modules = new ArrayList<>();
    for (Class<?> inModule :
        List.of(
            org.flowgate.dataplane.spu.SpuAgent.class,
            org.flowgate.config.compile.JunosCompiler.class,
            org.flowgate.mgmt.command.OperationalCommands.class,
            org.flowgate.server.Main.class)) {
      modules.add(Location.of(inModule.getProtectionDomain().getCodeSource().getLocation()));
    }
    product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(modules);
    assertThat(product.contain("org.flowgate.dataplane.spu.SpuAgent"))
        .as("the data plane's classes are on the test's class path")
        .isTrue();
  }

  /** Management reaches the data plane through control, the log channel and immutable records. */
  static final ArchRule MANAGEMENT_USES_THE_ENGINE_NOT_ITS_INSIDES =
      classes()
          .that()
          .resideInAPackage("org.flowgate.mgmt..")
          .should()
          .onlyDependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "outside the data plane, or in dataplane control, log, runtime or the model,"
                      + " the replay's records ReplayReport and TimedCommit,"
                      + " or one of the value enums DropReason, SessionState, CloseReason",
                  javaClass -> {
                    String name = javaClass.getName();
                    if (!name.startsWith("org.flowgate.dataplane.")) {
                      return true;
                    }
                    String pkg = javaClass.getPackageName();
                    return pkg.startsWith("org.flowgate.dataplane.control")
                        || pkg.startsWith("org.flowgate.dataplane.log")
                        || pkg.startsWith("org.flowgate.dataplane.runtime")
                        || inModel(pkg)
                        || name.equals("org.flowgate.dataplane.replay.ReplayReport")
                        || name.startsWith("org.flowgate.dataplane.replay.ReplayReport$")
                        || name.equals("org.flowgate.dataplane.replay.TimedCommit")
                        || name.equals("org.flowgate.dataplane.packet.DropReason")
                        || name.equals("org.flowgate.dataplane.session.SessionState")
                        || name.equals("org.flowgate.dataplane.session.CloseReason");
                  }))
          .because("ADR 0001: management asks SPUs through the closed query set, never directly");

  private static boolean inModel(String pkg) {
    for (String model : MODEL) {
      if (pkg.startsWith(model.substring(0, model.length() - 2))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void managementUsesTheEngineNotItsInsides() {
    MANAGEMENT_USES_THE_ENGINE_NOT_ITS_INSIDES.check(product);
  }

  @Test
  void theRuleCatchesManagementCodeThatReachesIntoAnSpu() {
    JavaClasses withFixture = new ClassFileImporter().importClasses(ReachesIntoAnSpu.class);
    EvaluationResult result = MANAGEMENT_USES_THE_ENGINE_NOT_ITS_INSIDES.evaluate(withFixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("ReachesIntoAnSpu")
        .contains("org.flowgate.dataplane.flow.SessionLifecycle");
  }

  @Test
  void configurationCompilesIntoTheModelAndKnowsNothingOfTheEngine() {
    noClasses()
        .that()
        .resideInAPackage("org.flowgate.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.flowgate.dataplane.control..",
            "org.flowgate.dataplane.spu..",
            "org.flowgate.dataplane.flow..",
            "org.flowgate.dataplane.session..",
            "org.flowgate.dataplane.replay..",
            "org.flowgate.dataplane.dispatch..",
            "org.flowgate.mgmt..",
            "org.flowgate.server..")
        .check(product);
  }

  @Test
  void theDataPlaneDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("org.flowgate.dataplane..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.flowgate.config..",
            "org.flowgate.mgmt..",
            "org.flowgate.server..",
            "org.flowgate.bench..",
            "org.flowgate.testkit..")
        .check(product);
  }

  @Test
  void dataPlanePackagesHaveNoCycles() {
    slices().matching("org.flowgate.dataplane.(*)..").should().beFreeOfCycles().check(product);
  }

  @Test
  void theModelIsImmutableConfigurationAndKnowsNoSpu() {
    noClasses()
        .that()
        .resideInAnyPackage(MODEL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.flowgate.dataplane.runtime..",
            "org.flowgate.dataplane.flow..",
            "org.flowgate.dataplane.spu..",
            "org.flowgate.dataplane.session..",
            "org.flowgate.dataplane.control..",
            "org.flowgate.dataplane.replay..",
            "org.flowgate.dataplane.dispatch..",
            "org.flowgate.dataplane.log..")
        .check(product);
  }

  @Test
  void onlyTheEngineAndItsSourcesTalkToSpus() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.flowgate.dataplane.flow..",
            "org.flowgate.dataplane.session..",
            "org.flowgate.dataplane.packet..",
            "org.flowgate.dataplane.log..",
            "org.flowgate.dataplane.dispatch..",
            "org.flowgate.mgmt..",
            "org.flowgate.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.flowgate.dataplane.spu..")
        .check(product);
  }

  @Test
  void thePacketPathKnowsNothingOfWhoAsksIt() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.flowgate.dataplane.flow..",
            "org.flowgate.dataplane.spu..",
            "org.flowgate.dataplane.session..",
            "org.flowgate.dataplane.packet..",
            "org.flowgate.dataplane.dispatch..",
            "org.flowgate.dataplane.log..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.flowgate.dataplane.control..", "org.flowgate.dataplane.replay..")
        .check(product);
  }

  @Test
  void thePacketPathUsesNoStreamsOrOptionals() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.flowgate.dataplane.flow..",
            "org.flowgate.dataplane.session..",
            "org.flowgate.dataplane.packet..",
            "org.flowgate.dataplane.ring..")
        .and()
        .doNotHaveSimpleName("HugePages") // looks up mmap once, when the class loads
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.util.stream..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Optional")
        .because("the per-packet path allocates nothing (architecture §4.4)")
        .check(product);
  }
}
