package io.edukit.vmservice.kafkahealth;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One Kafka admin client, made from the application's Kafka settings on first use (so that a
 * broker that cannot be resolved yet fails a check, not the start-up), for the broker's health
 * and for any gauge of a topic's size.
 */
public class BrokerAdmin implements DisposableBean {

    /** How long one admin call may take: a health check or a gauge must answer, not hang. */
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaAdmin kafkaAdmin;
    private @Nullable Admin admin;

    private final String clientId;

    BrokerAdmin(KafkaAdmin kafkaAdmin, String clientId) {
        this.kafkaAdmin = kafkaAdmin;
        this.clientId = clientId;
    }

    public synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
