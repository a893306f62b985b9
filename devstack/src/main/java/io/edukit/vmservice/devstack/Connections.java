package io.edukit.vmservice.devstack;

/** Where the API and the worker find Kafka and PostgreSQL. */
public record Connections(String kafkaBootstrapServers, String jdbcUrl, String dbUser, String dbPassword) {
}
