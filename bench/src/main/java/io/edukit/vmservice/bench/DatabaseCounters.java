package io.edukit.vmservice.bench;

import io.edukit.vmservice.devstack.Connections;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's own count of the database's transactions and row changes ({@code pg_stat_database}),
 * every client's together: the API's, the worker's, and this query's. PostgreSQL publishes a
 * backend's counts within a second of a busy transaction, or up to ten seconds after a connection
 * goes idle: read the end of a run after a pause of that length.
 */
record DatabaseCounters(long commits, long rollbacks, long inserted, long updated, long deleted) {

    static DatabaseCounters read(Connections connections) {
        try (Connection db = DriverManager.getConnection(connections.jdbcUrl(), connections.dbUser(), connections.dbPassword());
             Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("""
                     select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted
                     from pg_stat_database where datname = current_database()""")) {
            row.next();
            return new DatabaseCounters(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database", e);
        }
    }

    DatabaseCounters since(DatabaseCounters before) {
        return new DatabaseCounters(commits - before.commits, rollbacks - before.rollbacks, inserted - before.inserted,
                updated - before.updated, deleted - before.deleted);
    }
}
