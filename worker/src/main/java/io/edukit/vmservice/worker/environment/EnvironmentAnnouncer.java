package io.edukit.vmservice.worker.environment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** Says at boot which environment's rules apply (TLS and SSH host key checks depend on it). */
@Component
@EnableConfigurationProperties(EnvironmentProperties.class)
class EnvironmentAnnouncer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentAnnouncer.class);

    private final EnvironmentProperties properties;

    EnvironmentAnnouncer(EnvironmentProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        log.info("Running in environment: {}", properties.environment());
    }
}
