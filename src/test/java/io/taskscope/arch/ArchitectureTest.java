package io.taskscope.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.taskscope.source.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house in one page (see {@code architecture.md}): each layer uses only the layers below it, so the code reads
 * top-down with no arrow going back up.
 * <pre>
 *   core ← taskstats ← source ← {live, sim, store} ← session ← {export, metrics, launch} ← bench ← {ui, cli} ← Launcher
 * </pre>
 * {@code core} is the pure domain (CPU sets, listeners and routing, the exit record); {@code taskstats} the
 * kernel's wire format; {@code source} the contract every source implements; {@code launch} the one factory from
 * settings to a source; {@code metrics} the Prometheus exposition of serve. Native code lives only in
 * {@code live.nativeio}, JavaFX only in {@code ui}, the Prometheus client only in {@code metrics}.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.taskscope");
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("core").definedBy("io.taskscope.core..")
                .layer("taskstats").definedBy("io.taskscope.taskstats..")
                .layer("source").definedBy("io.taskscope.source..")
                .layer("live").definedBy("io.taskscope.live..")
                .layer("sim").definedBy("io.taskscope.sim..")
                .layer("store").definedBy("io.taskscope.store..")
                .layer("session").definedBy("io.taskscope.session..")
                .layer("export").definedBy("io.taskscope.export..")
                .layer("metrics").definedBy("io.taskscope.metrics..")
                .layer("launch").definedBy("io.taskscope.launch..")
                .layer("bench").definedBy("io.taskscope.bench..")
                .layer("ui").definedBy("io.taskscope.ui..")
                .layer("cli").definedBy("io.taskscope.cli..")
                .layer("entry").definedBy("io.taskscope")
                .whereLayer("core").mayNotAccessAnyLayer()
                .whereLayer("taskstats").mayOnlyAccessLayers("core")
                .whereLayer("source").mayOnlyAccessLayers("core")
                .whereLayer("live").mayOnlyAccessLayers("core", "taskstats", "source")
                .whereLayer("sim").mayOnlyAccessLayers("core", "taskstats", "source")
                .whereLayer("store").mayOnlyAccessLayers("core", "taskstats", "source")
                .whereLayer("session").mayOnlyAccessLayers("core", "source")
                .whereLayer("export").mayOnlyAccessLayers("core", "taskstats", "source", "store", "session")
                .whereLayer("metrics").mayOnlyAccessLayers("core", "source", "store", "session")
                .whereLayer("launch").mayOnlyAccessLayers("core", "source", "live", "sim", "store")
                .whereLayer("bench").mayOnlyAccessLayers("core", "taskstats", "source", "live", "sim", "store",
                        "session", "export", "metrics", "launch")
                .whereLayer("ui").mayOnlyAccessLayers("core", "taskstats", "source", "live", "sim", "store",
                        "session", "export", "launch")
                .whereLayer("cli").mayOnlyAccessLayers("core", "taskstats", "source", "live", "sim", "store",
                        "session", "export", "metrics", "launch", "bench", "ui")
                .whereLayer("entry").mayOnlyAccessLayers("cli")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli");
        layers.check(main);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.taskscope.(*)..").should().beFreeOfCycles().check(main);
        slices().matching("io.taskscope.ui.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void javaFxOnlyInTheUi() {
        noClasses().that().resideOutsideOfPackage("io.taskscope.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "eu.hansolo..")
                .check(main);
    }

    @Test
    void nativeCodeOnlyInLiveNativeio() {
        noClasses().that().resideOutsideOfPackage("io.taskscope.live.nativeio..")
                .should().dependOnClassesThat().resideInAnyPackage("jnr..", "com.kenai..")
                .check(main);
    }

    @Test
    void onlyMetricsUsesThePrometheusClient() {
        noClasses().that().resideOutsideOfPackage("io.taskscope.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..")
                .check(main);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("io.taskscope.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(main);
    }

    @Test
    void onlyTheFactoryKnowsConcreteSources() {
        noClasses().that().resideInAnyPackage("io.taskscope.ui..", "io.taskscope.cli..", "io.taskscope.export..")
                .should().dependOnClassesThat().implement(Source.class)
                .because("a source says what it can do (Source.playback(), Source.simulator()), and one factory "
                        + "(launch.SourceFactory) builds them")
                .check(main);
    }
}
