package io.edukit.vmservice.kafkahealth;

import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code /actuator/health/kafka}: the cluster answers within {@link BrokerAdmin#TIMEOUT} and
 * names its brokers. Part of each service's readiness: an API that cannot reach Kafka can accept
 * no request, a worker takes no commands and relays no events.
 */
class KafkaHealthIndicator implements HealthIndicator {

    private final BrokerAdmin broker;

    KafkaHealthIndicator(BrokerAdmin broker) {
        this.broker = broker;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = broker.admin().describeCluster();
            long timeout = BrokerAdmin.TIMEOUT.toMillis();
            Collection<Node> nodes = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
            return Health.up().withDetail("clusterId", String.valueOf(clusterId)).withDetail("brokers", nodes.size()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", String.valueOf(e.getCause())).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + BrokerAdmin.TIMEOUT.toSeconds() + " s").build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.toString()).build();
        }
    }
}
