package dev.seedwatch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The packages read as the data flow of a run: each may use those before it, never one after it. */
class PackageFlowTest {

    /** In the order a run's data flows through them; {@code nativeimage} registers classes of all of them. */
    static final List<String> FLOW = List.of("support", "suite", "provider", "replay", "embedding", "analysis",
            "state", "report", "export", "page", "run", "serve", "demo", "cli", "nativeimage");

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seedwatch");

    @Test
    void noPackageUsesOneFurtherDownTheFlow() {
        for (int i = 0; i < FLOW.size() - 1; i++) {
            String[] later = FLOW.subList(i + 1, FLOW.size()).stream().map(p -> "dev.seedwatch." + p + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.seedwatch." + FLOW.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .check(MAIN);
        }
    }

    @Test
    void noPackagesImportEachOther() {
        slices().matching("dev.seedwatch.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyPackageHasItsPlaceInTheFlow() {
        MAIN.stream().map(c -> c.getPackageName().replaceFirst("^dev\\.seedwatch\\.?", "").split("\\.")[0])
                .distinct()
                .forEach(p -> assertThat(FLOW).as("package dev.seedwatch." + p)
                        .contains(p));
    }
}
