package io.edukit.vmservice.bench;

import io.edukit.vmservice.devstack.Connections;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements the services sent, from {@code pg_stat_statements} (loaded at the server's start):
 * which round trips a VM costs, and how long the database spent on them.
 */
final class DatabaseStatements {

    /** What the server must be started with. */
    static final Map<String, String> SERVER_SETTINGS = Map.of("shared_preload_libraries", "pg_stat_statements",
            "pg_stat_statements.track_utility", "on");

    /** One statement's totals since the last reset. */
    record Counted(String query, long calls, double totalMs, long rows) {
    }

    private DatabaseStatements() {
    }

    /** Creates the extension if needed and forgets what was counted so far. */
    static void reset(Connections connections) {
        run(connections, db -> {
            try (java.sql.Statement statement = db.createStatement()) {
                statement.execute("create extension if not exists pg_stat_statements");
                statement.execute("select pg_stat_statements_reset()");
            }
            return null;
        });
    }

    /** The statements the database spent most time on, at most {@code limit}, this harness's own left out. */
    static List<Counted> top(Connections connections, int limit) {
        return run(connections, db -> {
            List<Counted> top = new ArrayList<>();
            try (var statement = db.prepareStatement("""
                    select query, calls, total_exec_time, rows from pg_stat_statements
                    where query not like '%pg_stat%' order by total_exec_time desc limit ?""")) {
                statement.setInt(1, limit);
                ResultSet rows = statement.executeQuery();
                while (rows.next()) {
                    top.add(new Counted(rows.getString(1).replaceAll("\\s+", " ").strip(), rows.getLong(2),
                            rows.getDouble(3), rows.getLong(4)));
                }
            }
            return top;
        });
    }

    private interface Work<T> {
        T apply(Connection db) throws SQLException;
    }

    private static <T> T run(Connections connections, Work<T> work) {
        try (Connection db = DriverManager.getConnection(connections.jdbcUrl(), connections.dbUser(), connections.dbPassword())) {
            return work.apply(db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_statements", e);
        }
    }
}
