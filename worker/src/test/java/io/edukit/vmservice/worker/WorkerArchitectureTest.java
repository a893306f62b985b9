package io.edukit.vmservice.worker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.edukit.vmservice.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class WorkerArchitectureTest {

    @ArchTest
    static final ArchRule theJobModelIsPlainJava = noClasses()
            .that().resideInAPackage("io.edukit.vmservice.worker.provisioning")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..")
            .because("jobs, steps and transitions are tested without Spring, Kafka or a database");

    @ArchTest
    static final ArchRule theJobModelKnowsNoInfrastructure = noClasses()
            .that().resideInAPackage("io.edukit.vmservice.worker.provisioning")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.edukit.vmservice.worker.provisioning.persistence..",
                    "io.edukit.vmservice.worker.commands..",
                    "io.edukit.vmservice.worker.outbox..")
            .because("infrastructure depends on the model, never the other way round");
}
