package io.edukit.vmservice.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiApplication {

    /** The API reads {@code api.yml}, so that it can share a JVM and a class path with the worker. */
    public static final String CONFIG_NAME = "api";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ApiApplication.class)
                .properties(Map.of("spring.config.name", CONFIG_NAME));
    }
}
