package io.edukit.vmservice.proxmoxsim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the simulator is started with. Start from {@link #defaults()} (realistic timing) or
 * {@link #instant()} (no waiting, for tests) and change what you need through {@link #toBuilder()}.
 *
 * @param bindAddress       the address to listen on; the admin endpoint answers loopback clients only
 * @param port              the port, 0 for a free one
 * @param tokenId           the API token id, {@code user@realm!name}
 * @param tokenSecret       the token secret; {@code null} draws a random UUID at start
 * @param nodes             the cluster's node names
 * @param templates         templates present from the start
 * @param apiVersion        the release imitated (schema, version answer, error body)
 * @param latency           how long calls and tasks take, before scaling
 * @param timeScale         multiplies every latency and the agent delay (0.05 = twenty times faster)
 * @param agentDelay        how long after a start the guest agent begins to answer, before scaling
 * @param seed              seeds MAC addresses, jitter and random faults
 * @param snippetsDirectory where {@code local:snippets/...} files live; {@code null} makes a temporary one
 * @param faults            faults in force from the start
 */
public record SimulatorSettings(
        String bindAddress,
        int port,
        String tokenId,
        @Nullable String tokenSecret,
        List<String> nodes,
        List<TemplateSpec> templates,
        ApiVersion apiVersion,
        LatencyModel latency,
        double timeScale,
        Duration agentDelay,
        long seed,
        @Nullable Path snippetsDirectory,
        List<FaultRule> faults) {

    public static final String DEFAULT_TOKEN_ID = "edukit-api-dev@pve!vm-service";

    public SimulatorSettings {
        nodes = List.copyOf(nodes);
        templates = List.copyOf(templates);
        faults = List.copyOf(faults);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (!tokenId.matches("[^\\s:/]+@[A-Za-z][A-Za-z0-9.\\-_]+![A-Za-z][A-Za-z0-9.\\-_]+")) {
            throw new IllegalArgumentException("token id must look like user@realm!name, got " + tokenId);
        }
        if (tokenSecret != null && (tokenSecret.isEmpty() || tokenSecret.contains("="))) {
            throw new IllegalArgumentException("token secret must be non-empty and contain no '='");
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        for (String node : nodes) {
            if (!node.matches("[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?")) {
                throw new IllegalArgumentException("not a valid node name: " + node);
            }
        }
        Set<Integer> vmids = new HashSet<>();
        for (TemplateSpec t : templates) {
            if (!nodes.contains(t.node())) {
                throw new IllegalArgumentException("template " + t.vmid() + " is on node " + t.node() + ", which is not in " + nodes);
            }
            if (!vmids.add(t.vmid())) {
                throw new IllegalArgumentException("two templates with VMID " + t.vmid());
            }
        }
        if (timeScale < 0 || Double.isNaN(timeScale)) {
            throw new IllegalArgumentException("time scale cannot be negative");
        }
        if (agentDelay.isNegative()) {
            throw new IllegalArgumentException("agent delay cannot be negative");
        }
    }

    /** One node {@code pve4}, template 9999, PVE 9.1, realistic timing, a guest agent up 15 s after start. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, DEFAULT_TOKEN_ID, null, List.of("pve4"),
                List.of(TemplateSpec.debian12()), ApiVersion.PVE9, LatencyModel.realistic(), 1.0,
                Duration.ofSeconds(15), 1L, null, List.of());
    }

    /** Like {@link #defaults()}, but nothing waits: zero latency and an agent that answers at once. */
    public static SimulatorSettings instant() {
        return defaults().toBuilder().latency(LatencyModel.zero()).agentDelay(Duration.ZERO).build();
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A duration of the latency model after time scaling. */
    public Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * timeScale));
    }

    public static final class Builder {
        private String bindAddress;
        private int port;
        private String tokenId;
        private @Nullable String tokenSecret;
        private List<String> nodes;
        private List<TemplateSpec> templates;
        private ApiVersion apiVersion;
        private LatencyModel latency;
        private double timeScale;
        private Duration agentDelay;
        private long seed;
        private @Nullable Path snippetsDirectory;
        private List<FaultRule> faults;

        private Builder(SimulatorSettings s) {
            bindAddress = s.bindAddress;
            port = s.port;
            tokenId = s.tokenId;
            tokenSecret = s.tokenSecret;
            nodes = new ArrayList<>(s.nodes);
            templates = new ArrayList<>(s.templates);
            apiVersion = s.apiVersion;
            latency = s.latency;
            timeScale = s.timeScale;
            agentDelay = s.agentDelay;
            seed = s.seed;
            snippetsDirectory = s.snippetsDirectory;
            faults = new ArrayList<>(s.faults);
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder tokenId(String id) {
            this.tokenId = id;
            return this;
        }

        public Builder tokenSecret(@Nullable String secret) {
            this.tokenSecret = secret;
            return this;
        }

        public Builder nodes(String... names) {
            this.nodes = new ArrayList<>(List.of(names));
            return this;
        }

        /** Replaces the templates. */
        public Builder templates(TemplateSpec... specs) {
            this.templates = new ArrayList<>(List.of(specs));
            return this;
        }

        /** Adds a template to those already set. */
        public Builder addTemplate(TemplateSpec spec) {
            this.templates.add(spec);
            return this;
        }

        public Builder apiVersion(ApiVersion version) {
            this.apiVersion = version;
            return this;
        }

        public Builder latency(LatencyModel model) {
            this.latency = model;
            return this;
        }

        public Builder timeScale(double factor) {
            this.timeScale = factor;
            return this;
        }

        public Builder agentDelay(Duration delay) {
            this.agentDelay = delay;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder snippetsDirectory(@Nullable Path directory) {
            this.snippetsDirectory = directory;
            return this;
        }

        public Builder fault(FaultRule rule) {
            this.faults.add(rule);
            return this;
        }

        public SimulatorSettings build() {
            return new SimulatorSettings(bindAddress, port, tokenId, tokenSecret, nodes, templates, apiVersion,
                    latency, timeScale, agentDelay, seed, snippetsDirectory, faults);
        }
    }
}
