package io.edukit.vmservice.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    /** A database of its own for each test, so that each starts empty. */
    private static DataSource emptyDatabase() throws Exception {
        String name = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    @Test
    void theHistoryAppliesToAnEmptyDatabaseAndAgainChangesNothing() throws Exception {
        Flyway flyway = Flyway.configure().dataSource(emptyDatabase()).load();

        MigrateResult first = flyway.migrate();
        MigrateResult second = flyway.migrate();

        assertThat(first.migrationsExecuted).isPositive();
        assertThat(second.migrationsExecuted).isZero();
    }

    @Test
    void theCatalogIsSeededWithDebian12OnTemplate9999() throws Exception {
        DataSource database = emptyDatabase();
        Flyway.configure().dataSource(database).load().migrate();

        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet image = statement.executeQuery("select * from os_image where name = 'debian-12'")) {
            assertThat(image.next()).isTrue();
            assertThat(image.getString("proxmox_template_id")).isEqualTo("9999");
            assertThat(image.getString("node")).isEqualTo("pve4");
            assertThat(image.getString("storage")).isEqualTo("local-lvm");
            assertThat(image.getString("architecture")).isEqualTo("x86_64");
            assertThat(image.getInt("min_disk_size_gb")).isEqualTo(4);
            assertThat(image.getInt("min_ram_mb")).isEqualTo(512);
            assertThat(image.getBoolean("active")).isTrue();
        }
    }

    @Test
    void aTemplateCheckIsPendingUntilItHasAVerdictAndOnlyAChangeCarriesAProposal() throws Exception {
        DataSource database = emptyDatabase();
        Flyway.configure().dataSource(database).load().migrate();

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into template_check (id, purpose, requested_by) values (gen_random_uuid(), 'VERIFY', 'ops')");
            statement.execute("""
                    insert into template_check (id, purpose, os_image, proposed, requested_by)
                    values (gen_random_uuid(), 'ADD', 'ubuntu-24.04', '{"name": "ubuntu-24.04"}', 'ops')""");

            assertThatThrownBy(() -> statement.execute("""
                    insert into template_check (id, purpose, os_image, requested_by, completed_at)
                    values (gen_random_uuid(), 'VERIFY', 'debian-12', 'ops', now())"""))
                    .as("completed without a verdict").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.execute("""
                    insert into template_check (id, purpose, requested_by) values (gen_random_uuid(), 'ADD', 'ops')"""))
                    .as("an ADD names its image and carries its proposal").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.execute("""
                    insert into template_check (id, purpose, os_image, proposed, requested_by)
                    values (gen_random_uuid(), 'ACTIVATE', 'debian-12', '{}', 'ops')"""))
                    .as("an activation proposes nothing").isInstanceOf(SQLException.class);
        }
    }
}
