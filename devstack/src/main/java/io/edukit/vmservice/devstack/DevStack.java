package io.edukit.vmservice.devstack;

import sun.misc.Signal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded default: one command, one JVM, everything VmService needs on this machine —
 * Kafka, PostgreSQL, a simulated Proxmox node, a token issuer, the worker and the API. Ctrl-C
 * stops the API, the worker, the simulator, the issuer, Kafka and PostgreSQL, in that order.
 */
public final class DevStack implements AutoCloseable {

    private final EmbeddedInfrastructure infrastructure;
    private final SimulatedProxmox proxmox;
    private final LocalIssuer issuer;
    private final ServiceApps apps;
    /** The banner's tokens, one per scope, made once at start. */
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Instant tokensIssuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private DevStack(EmbeddedInfrastructure infrastructure, SimulatedProxmox proxmox, LocalIssuer issuer, ServiceApps apps) {
        this.infrastructure = infrastructure;
        this.proxmox = proxmox;
        this.issuer = issuer;
        this.apps = apps;
        LocalIssuer.scopes().forEach(scope -> tokens.put(scope, issuer.token(tokensIssuedAt, scope)));
    }

    /** Starts everything; port 0 picks a free port. */
    public static DevStack start(int apiPort, int workerPort, Map<String, String> overrides) {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start();
        SimulatedProxmox proxmox = null;
        LocalIssuer issuer = null;
        try {
            proxmox = SimulatedProxmox.start();
            issuer = LocalIssuer.start();
            return new DevStack(infrastructure, proxmox, issuer, ServiceApps.start(infrastructure.connections(),
                    proxmox.workerProperties(), issuer.apiProperties(), apiPort, workerPort, overrides));
        } catch (RuntimeException e) {
            if (issuer != null) {
                issuer.close();
            }
            if (proxmox != null) {
                proxmox.close();
            }
            infrastructure.close();
            throw e;
        }
    }

    public String apiUrl() {
        return "http://localhost:" + apps.apiPort();
    }

    public String workerUrl() {
        return "http://localhost:" + apps.workerPort();
    }

    public Connections connections() {
        return infrastructure.connections();
    }

    SimulatedProxmox proxmox() {
        return proxmox;
    }

    LocalIssuer issuer() {
        return issuer;
    }

    /** The banner's token for the scope. */
    String token(String scope) {
        return tokens.get(scope);
    }

    @Override
    public void close() {
        try {
            apps.close();
        } finally {
            try {
                proxmox.close();
            } finally {
                try {
                    issuer.close();
                } finally {
                    infrastructure.close();
                }
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int apiPort = Integer.getInteger("devstack.api-port", 8080);
        int workerPort = Integer.getInteger("devstack.worker-port", 8081);
        CountDownLatch stopAsked = new CountDownLatch(1);
        // Stopped here rather than in a shutdown hook: Kafka's test kit deletes the broker's log
        // directory in a hook of its own, which would race a broker still stopping in ours. Asked
        // during the start, the stack stops once it is up; asked twice, the JVM ends at once.
        List.of("INT", "TERM", "HUP").forEach(name -> Signal.handle(new Signal(name), signal -> {
            if (stopAsked.getCount() == 0) {
                Runtime.getRuntime().halt(130);
            }
            stopAsked.countDown();
        }));
        DevStack stack = start(apiPort, workerPort, Map.of());
        System.out.println(stack.welcome());
        stopAsked.await();
        System.out.println("Stopping the VmService local stack…");
        try {
            stack.close();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    String welcome() {
        Connections connections = connections();
        return """

                VmService local stack is up (environment: Development).
                  API          %1$s   (OpenAPI UI: %1$s/swagger-ui.html)
                  Worker       %2$s/actuator/health
                  Kafka        %3$s
                  PostgreSQL   %4$s
                  Proxmox      %6$s   (simulated node pve4, template 9999, 20x faster; admin: %7$s)
                               its certificate: %19$s
                  SFTP         127.0.0.1:%8$d   (the node's snippet channel)
                  Issuer       %11$s   (this stack's own token issuer: its key lives in memory and dies with the stack)

                Bearer tokens for the caller "%12$s", valid %13$d h (until %14$s); paste the four lines to keep them in your shell:
                  REQUEST_TOKEN=%15$s
                  READ_TOKEN=%16$s
                  ADMIN_TOKEN=%17$s
                  METRICS_TOKEN=%18$s
                vm:request asks for VMs and deletes them, vm:read reads them and the OS images, vm:admin opens /api/v1/admin/,
                vm:metrics the API's /actuator/prometheus (the worker's is on its internal port, without a token).

                Ask for a first VM (202 at once, status REQUESTED, Location names the VM):
                  curl -i -X POST %1$s/api/v1/vms \\
                    -H "Authorization: Bearer %15$s" \\
                    -H 'Content-Type: application/json' -H 'Idempotency-Key: %9$s' \\
                    -d '{"osImage":"debian-12","hostname":"ws-alice-01","cores":2,"memoryMb":2048,"diskGb":20,"sshPublicKeys":["%5$s"],"ownerId":"alice","courseId":"net-101"}'
                then follow it: PROVISIONING through its steps, and within seconds RUNNING on pve4 with its
                proxmoxVmid and an IPv4 address in ipAddresses:
                  curl -s -H "Authorization: Bearer %16$s" %1$s%10$s

                Ctrl-C stops everything.
                """.formatted(apiUrl(), workerUrl(), connections.kafkaBootstrapServers(), connections.jdbcUrl(),
                SAMPLE_KEY, proxmox.baseUrl(), proxmox.adminUrl(), proxmox.sftpPort(), SAMPLE_IDEMPOTENCY_KEY,
                sampleVmPath(), issuer.issuer(), LocalIssuer.CALLER, LocalIssuer.LIFETIME.toHours(),
                tokensIssuedAt.plus(LocalIssuer.LIFETIME), token(LocalIssuer.REQUEST), token(LocalIssuer.READ),
                token(LocalIssuer.ADMIN), token(LocalIssuer.METRICS), proxmox.certificate());
    }

    /**
     * Where the sample request's VM is: the API names a VM after (caller, Idempotency-Key), so the
     * local stack's caller {@value LocalIssuer#CALLER} with {@value #SAMPLE_IDEMPOTENCY_KEY} is always
     * this VM. The API's IdempotencyKey derives it the same way; the local stack's test checks that
     * the printed path is the POST's Location.
     */
    static String sampleVmPath() {
        return "/api/v1/vms/" + UUID.nameUUIDFromBytes((LocalIssuer.CALLER + "\n" + SAMPLE_IDEMPOTENCY_KEY)
                .getBytes(StandardCharsets.UTF_8));
    }

    static final String SAMPLE_IDEMPOTENCY_KEY = "first-vm";

    /** A public key only, for the sample request; put your own in its place. */
    private static final String SAMPLE_KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";
}
