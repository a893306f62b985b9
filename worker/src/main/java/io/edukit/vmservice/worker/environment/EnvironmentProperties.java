package io.edukit.vmservice.worker.environment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param environment {@code vmservice.environment}: Production, Staging or Development; Production when unset */
@ConfigurationProperties("vmservice")
public record EnvironmentProperties(@DefaultValue("Production") DeploymentEnvironment environment) {
}
