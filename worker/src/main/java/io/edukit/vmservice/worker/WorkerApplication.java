package io.edukit.vmservice.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

    /** The worker reads {@code worker.yml}, so that it can share a JVM and a class path with the API. */
    public static final String CONFIG_NAME = "worker";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WorkerApplication.class)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }
}
