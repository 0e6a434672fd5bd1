package dev.parley.e2e;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import dev.parley.launcher.ServiceCatalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Each deployable stands alone: a service's code depends on no other service's code, only
 * on infra/platform; and the platform depends on none of them.
 */
class ArchitectureTest {

	/**
	 * The code package of each deployable (auth, user, ...), from the one list of
	 * services.
	 */
	static final List<String> DEPLOYABLES = ServiceCatalog.deployables()
		.stream()
		.map((service) -> service.javaPackage().substring("dev.parley.".length()))
		.toList();

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.parley");

	@Test
	void noServiceDependsOnAnotherServiceOrOnLocalTooling() {
		for (String service : DEPLOYABLES) {
			String[] forbidden = DEPLOYABLES.stream()
				.filter((other) -> !other.equals(service))
				.map((other) -> "dev.parley." + other + "..")
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage("dev.parley." + service + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(forbidden)
				.orShould()
				.dependOnClassesThat()
				.resideInAnyPackage("dev.parley.embedded..", "dev.parley.launcher..")
				.check(classes);
		}
	}

	@Test
	void thePlatformDependsOnNoDeployable() {
		noClasses().that()
			.resideInAPackage("dev.parley.platform..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(DEPLOYABLES.stream().map((s) -> "dev.parley." + s + "..").toArray(String[]::new))
			.check(classes);
	}

	/**
	 * Within a module, the packages form a tree of layers, never a loop: a package can be
	 * read (and changed) knowing only the packages below it.
	 */
	@Test
	void noModuleHasAPackageCycle() {
		slices().matching("dev.parley.(*).(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void theImportSeesEveryDeployable() {
		for (String service : DEPLOYABLES) {
			org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.parley." + service))
				.as("classes of %s are on the test classpath", service)
				.isTrue();
		}
	}

}
