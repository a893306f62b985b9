package io.edukit.vmservice.proxmoxsim;

import io.edukit.vmservice.proxmoxsim.admin.AdminEndpoint;
import io.edukit.vmservice.proxmoxsim.api.ApiRouter;
import io.edukit.vmservice.proxmoxsim.api.Endpoint;
import io.edukit.vmservice.proxmoxsim.auth.TokenAuthenticator;
import io.edukit.vmservice.proxmoxsim.cluster.ClusterEndpoints;
import io.edukit.vmservice.proxmoxsim.counters.CallCounters;
import io.edukit.vmservice.proxmoxsim.faults.FaultInjector;
import io.edukit.vmservice.proxmoxsim.http.HttpsServer;
import io.edukit.vmservice.proxmoxsim.http.RequestHandler;
import io.edukit.vmservice.proxmoxsim.http.TlsMaterial;
import io.edukit.vmservice.proxmoxsim.qemu.QemuEndpoints;
import io.edukit.vmservice.proxmoxsim.schema.ApiSchema;
import io.edukit.vmservice.proxmoxsim.state.Cluster;
import io.edukit.vmservice.proxmoxsim.state.Identifiers;
import io.edukit.vmservice.proxmoxsim.state.SnippetStore;
import io.edukit.vmservice.proxmoxsim.state.TemplateFactory;
import io.edukit.vmservice.proxmoxsim.storage.StorageContentEndpoint;
import io.edukit.vmservice.proxmoxsim.tasks.TaskEndpoints;
import io.edukit.vmservice.proxmoxsim.tasks.TaskRunner;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Proxmox VE simulator: HTTPS on {@link #baseUrl()} with a certificate made at start,
 * the API token {@link #tokenId()} / {@link #tokenSecret()}, simulated nodes, storages, templates
 * and VMs behind it. Start with {@link #start(SimulatorSettings)}; close to stop.
 *
 * <pre>{@code
 * try (ProxmoxSimulator sim = ProxmoxSimulator.start(SimulatorSettings.instant())) {
 *     sim.baseUrl();          // https://127.0.0.1:<port>/api2/json
 *     sim.certificatePem();   // trust this, keep hostname verification on
 *     sim.faults().failNext(Operation.CLONE, 1, 500, "can't lock file '/var/lock/qemu-server/lock-9999.conf' - got timeout");
 *     sim.counters().snapshot();
 * }
 * }</pre>
 */
public final class ProxmoxSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProxmoxSimulator.class);

    private final SimulatorSettings settings;
    private final String tokenSecret;
    private final TlsMaterial tls;
    private final HttpsServer server;
    private final TaskRunner tasks;
    private final Cluster cluster;
    private final Faults faults;
    private final SimulatorCounters counters;
    private final Path snippetsDirectory;
    private final boolean ownsSnippetsDirectory;

    private ProxmoxSimulator(SimulatorSettings settings, String tokenSecret, TlsMaterial tls, HttpsServer server,
            TaskRunner tasks, Cluster cluster, Faults faults, SimulatorCounters counters, Path snippetsDirectory,
            boolean ownsSnippetsDirectory) {
        this.settings = settings;
        this.tokenSecret = tokenSecret;
        this.tls = tls;
        this.server = server;
        this.tasks = tasks;
        this.cluster = cluster;
        this.faults = faults;
        this.counters = counters;
        this.snippetsDirectory = snippetsDirectory;
        this.ownsSnippetsDirectory = ownsSnippetsDirectory;
    }

    public static ProxmoxSimulator start(SimulatorSettings settings) {
        String secret = settings.tokenSecret() != null ? settings.tokenSecret() : UUID.randomUUID().toString();
        boolean ownsSnippets = settings.snippetsDirectory() == null;
        Path snippets = snippetsDirectory(settings);
        Identifiers ids = new Identifiers(settings.seed());
        Cluster cluster = new Cluster(settings.nodes(), new SnippetStore(snippets), ids);
        cluster.lockedRun(() -> settings.templates().forEach(t -> TemplateFactory.install(cluster, t)));

        FaultInjector faultInjector = new FaultInjector(settings.seed());
        settings.faults().forEach(faultInjector::add);
        CallCounters callCounters = new CallCounters();
        Timing timing = new Timing(settings);
        TaskRunner tasks = new TaskRunner(settings.seed());
        ApiSchema schema = ApiSchema.of(settings.apiVersion());

        Map<Operation, Endpoint> endpoints = new EnumMap<>(Operation.class);
        endpoints.putAll(ClusterEndpoints.create(cluster, settings.apiVersion()));
        endpoints.putAll(QemuEndpoints.create(cluster, tasks, faultInjector, timing, callCounters, schema));
        endpoints.putAll(TaskEndpoints.create(tasks));
        endpoints.put(Operation.STORAGE_CONTENT, new StorageContentEndpoint(cluster));
        ApiRouter api = new ApiRouter(settings.apiVersion(), endpoints, new TokenAuthenticator(settings.tokenId(), secret),
                faultInjector, callCounters, timing, cluster::hasNode);
        AdminEndpoint admin = new AdminEndpoint(faultInjector, callCounters, cluster);
        RequestHandler root = request -> request.rawPath().startsWith("/_sim") ? admin.handle(request) : api.handle(request);

        TlsMaterial tls = TlsMaterial.selfSigned(List.of("localhost"), certificateAddresses(settings.bindAddress()));
        HttpsServer server;
        try {
            server = HttpsServer.start(settings.bindAddress(), settings.port(), tls, root, faultInjector::refusingConnections);
        } catch (RuntimeException e) {
            tasks.close();
            throw e;
        }
        ProxmoxSimulator sim = new ProxmoxSimulator(settings, secret, tls, server, tasks, cluster,
                new Faults(faultInjector), new SimulatorCounters(callCounters), snippets, ownsSnippets);
        log.info("Proxmox VE {} simulator listening on {} (nodes {}, templates {})", settings.apiVersion().release(),
                sim.baseUrl(), settings.nodes(), settings.templates().stream().map(TemplateSpec::vmid).toList());
        return sim;
    }

    /** The API root, {@code https://127.0.0.1:<port>/api2/json}. */
    public String baseUrl() {
        return "https://" + host() + ":" + port() + "/api2/json";
    }

    /** The admin endpoint's root, {@code https://127.0.0.1:<port>/_sim}. */
    public String adminUrl() {
        return "https://" + host() + ":" + port() + "/_sim";
    }

    public int port() {
        return server.port();
    }

    /** The server certificate (self-signed, SAN localhost and 127.0.0.1) in PEM. */
    public String certificatePem() {
        return tls.certificatePem();
    }

    public void writeCertificate(Path file) {
        tls.writeCertificate(file);
    }

    public String tokenId() {
        return settings.tokenId();
    }

    public String tokenSecret() {
        return tokenSecret;
    }

    /** The header value a client sends: {@code PVEAPIToken=<token id>=<secret>}. */
    public String authorizationHeader() {
        return "PVEAPIToken=" + tokenId() + "=" + tokenSecret;
    }

    /** The directory behind {@code local:snippets/}: write user-data here (or serve it over SFTP). */
    public Path snippetsDirectory() {
        return snippetsDirectory;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public SimulatorCounters counters() {
        return counters;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Every task that has stopped so far, with how long it ran: Proxmox's own time, for
     * benchmarks that set it against the time the client spent around it.
     */
    public List<TaskTiming> taskTimings() {
        return tasks.all().stream()
                .filter(task -> !task.running())
                .map(task -> new TaskTiming(task.upid().node(), task.upid().type(), task.vmid(), task.forkedNanos(),
                        task.stoppedNanos(), task.exitStatus().orElseThrow()))
                .toList();
    }

    /** A copy of a VM's current config (pending changes not applied), as {@code GET .../config} would show it. */
    public Optional<Map<String, String>> vmConfig(int vmid) {
        return cluster.locked(() -> cluster.vm(vmid).map(vm -> Map.copyOf(vm.config())));
    }

    /** The VMIDs that exist now, templates included, on all nodes. */
    public Set<Integer> vmids() {
        return cluster.locked(() -> {
            Set<Integer> ids = new TreeSet<>();
            cluster.vms().forEach(vm -> ids.add(vm.vmid()));
            return ids;
        });
    }

    /**
     * Adds a template as the simulator makes them at start from {@link SimulatorSettings#templates()}
     * (same config, fresh MAC and UUIDs), at once and atomically. {@link #settings()} is not
     * changed. Use it with {@link #removeVm(int)} to break and repair a template while a test runs.
     *
     * @throws IllegalStateException    if the VMID is taken (by a VM, template or clone in progress)
     * @throws IllegalArgumentException if {@code spec.node()} is not one of the cluster's nodes
     */
    public void installTemplate(TemplateSpec spec) {
        TemplateFactory.install(cluster, spec);
        log.info("template {} ({}) installed on {}", spec.vmid(), spec.name(), spec.node());
    }

    /**
     * Removes a VM or template from the cluster at once, as if an operator had destroyed it (or its
     * config file had vanished): no task, no lock, "running" or linked-clone checks. Linked clones
     * of a removed template keep their disks. Tasks still working on the VM fail when they next
     * look for it: removing the target of a clone in progress fails that clone (it leaves nothing
     * behind); a clone in progress <em>from</em> a removed template still completes.
     *
     * @throws IllegalArgumentException if no VM or template has this VMID
     */
    public void removeVm(int vmid) {
        cluster.removeVm(vmid);
        log.info("VM {} removed", vmid);
    }

    @Override
    public void close() {
        server.close();
        tasks.close();
        if (ownsSnippetsDirectory) {
            deleteRecursively(snippetsDirectory);
        }
        log.info("Proxmox VE simulator on port {} stopped", server.port());
    }

    private String host() {
        String bind = settings.bindAddress();
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.isEmpty()) {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static List<String> certificateAddresses(String bindAddress) {
        List<String> addresses = new ArrayList<>(List.of("127.0.0.1", "::1"));
        boolean literal = bindAddress.matches("[0-9.]+") || bindAddress.contains(":");
        if (literal && !addresses.contains(bindAddress) && !bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            addresses.add(bindAddress);
        }
        return addresses;
    }

    private static Path snippetsDirectory(SimulatorSettings settings) {
        try {
            if (settings.snippetsDirectory() != null) {
                return Files.createDirectories(settings.snippetsDirectory());
            }
            return Files.createTempDirectory("proxmox-sim-snippets-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.debug("could not delete {}", directory, e);
        }
    }
}
