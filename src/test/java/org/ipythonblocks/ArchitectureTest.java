package org.ipythonblocks;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md ("How the packages depend on each other"), checked on the
 * app's compiled classes (not the tests, not the build steps).
 */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter().withImportOption(new AppClassesOnly())
            .importPackages("org.ipythonblocks");

    /** The packages that face the web: only they know HTTP. */
    static final String[] WEB_FACING = { "org.ipythonblocks.web..", "org.ipythonblocks.grid.web..",
            "org.ipythonblocks.grid.post..", "org.ipythonblocks.site..", "org.ipythonblocks.seo..",
            "org.ipythonblocks.gallery..", "org.ipythonblocks.report.." };

    /** The types of HTTP: Jakarta REST, Quarkus REST, Vert.x and Quarkus' HTTP layer over it. */
    static final String[] HTTP = { "jakarta.ws.rs..", "org.jboss.resteasy..", "io.quarkus.resteasy..", "io.vertx..",
            "io.quarkus.vertx.." };

    @Test
    void theCoreImportsNothingWebFacing() {
        noClasses().that().resideInAPackage("org.ipythonblocks.grid")
            .should().dependOnClassesThat().resideInAnyPackage(WEB_FACING)
            .because("the core (entities, ids, the service, takedown) knows nothing of the web").check(APP);
    }

    @Test
    void theCoreKnowsNoHttp() {
        noClasses().that().resideInAPackage("org.ipythonblocks.grid")
            .should().dependOnClassesThat().resideInAnyPackage(HTTP)
            .because("the core knows nothing of HTTP").check(APP);
    }

    @Test
    void pictureCodeKnowsNoHttp() {
        noClasses().that().resideInAPackage("org.ipythonblocks.grid.picture..")
            .should().dependOnClassesThat().resideInAnyPackage(HTTP)
            .orShould().dependOnClassesThat().resideInAnyPackage(WEB_FACING)
            .because("drawing a grid is pure code: the web layer turns its problems into answers").check(APP);
    }

    @Test
    void onlyWebFacingPackagesKnowHttp() {
        noClasses().that().resideOutsideOfPackages(WEB_FACING)
            .should().dependOnClassesThat().resideInAnyPackage(HTTP)
            .because("everything HTTP sits in the web-facing packages").check(APP);
    }

    @Test
    void commandsImportNothingWebFacing() {
        noClasses()
            .that().resideInAnyPackage("org.ipythonblocks.command..", "org.ipythonblocks.legacy..", "org.ipythonblocks.db..")
            .should().dependOnClassesThat().resideInAnyPackage(WEB_FACING)
            .because("the admin commands, import and export run without the web layer").check(APP);
    }

    @Test
    void resourcesLiveInWebFacingPackages() {
        classes()
            .that().areAnnotatedWith("jakarta.ws.rs.Path")
            .or().containAnyMethodsThat(annotatedWith("jakarta.ws.rs.Path"))
            .should().resideInAnyPackage(WEB_FACING).check(APP);
    }

    @Test
    void filtersAndRoutesLiveInWebFacingPackages() {
        classes()
            .that().containAnyMethodsThat(annotatedWith("org.jboss.resteasy.reactive.server.ServerRequestFilter"))
            .or().containAnyMethodsThat(annotatedWith("org.jboss.resteasy.reactive.server.ServerResponseFilter"))
            .or().containAnyMethodsThat(annotatedWith("org.jboss.resteasy.reactive.server.ServerExceptionMapper"))
            .or().containAnyMethodsThat(annotatedWith("io.quarkus.vertx.web.Route"))
            .or().containAnyMethodsThat(annotatedWith("io.quarkus.vertx.web.RouteFilter"))
            .or().implement("jakarta.ws.rs.container.ContainerRequestFilter")
            .or().implement("jakarta.ws.rs.container.ContainerResponseFilter")
            .should().resideInAnyPackage(WEB_FACING).check(APP);
    }

    /** Each package of the app its own slice, the root package included. */
    static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.startsWith("org.ipythonblocks") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of org.ipythonblocks";
        }
    };

    @Test
    void noPackageCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(APP);
    }

    /** The app's classes as compiled from src/main/java: not the tests, not the build steps of src/build/java. */
    static final class AppClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return location.contains("/target/classes/");
        }
    }
}
