package io.edukit.vmservice.worker.environment;

/** Where the service runs. Unset means Production, so that a forgotten setting never loosens a rule. */
public enum DeploymentEnvironment {
    PRODUCTION("Production"),
    STAGING("Staging"),
    DEVELOPMENT("Development");

    private final String displayName;

    DeploymentEnvironment(String displayName) {
        this.displayName = displayName;
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
