package io.edukit.vmservice.proxmoxsim;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own until Ctrl-C:
 * <pre>
 * java -cp ... io.edukit.vmservice.proxmoxsim.ProxmoxSimulatorMain --port=8006 --cert-out=target/pve.pem --time-scale=0.05
 * </pre>
 * Options: {@code --port=N} (0 = free), {@code --bind=ADDR}, {@code --token-id=user@realm!name},
 * {@code --token-secret=S} (default: a random UUID, printed), {@code --cert-out=FILE},
 * {@code --time-scale=F}, {@code --instant} (no latency), {@code --agent-delay=SECONDS},
 * {@code --api-version=pve8|pve9}, {@code --nodes=pve4,pve5}, {@code --template=VMID:NAME:NODE}
 * (repeatable; replaces the default 9999), {@code --snippets-dir=DIR}, {@code --seed=N}.
 */
public final class ProxmoxSimulatorMain {

    private ProxmoxSimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        ProxmoxSimulator sim;
        try {
            sim = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("proxmox-sim: " + e.getMessage());
            System.err.println("usage: ProxmoxSimulatorMain [--port=8006] [--token-secret=S] [--cert-out=FILE] [--time-scale=0.05] ...");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "proxmox-sim-shutdown"));
        stopped.await();
    }

    /** Starts a simulator from command-line options and prints how to reach it. */
    public static ProxmoxSimulator run(String[] args, PrintStream out) {
        SimulatorSettings.Builder settings = SimulatorSettings.builder();
        Path certOut = null;
        List<TemplateSpec> templates = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--instant")) {
                settings.latency(LatencyModel.zero()).agentDelay(Duration.ZERO);
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "port" -> settings.port(Integer.parseInt(value));
                case "bind" -> settings.bindAddress(value);
                case "token-id" -> settings.tokenId(value);
                case "token-secret" -> settings.tokenSecret(value);
                case "cert-out" -> certOut = Path.of(value);
                case "time-scale" -> settings.timeScale(Double.parseDouble(value));
                case "agent-delay" -> settings.agentDelay(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
                case "api-version" -> settings.apiVersion(ApiVersion.parse(value));
                case "nodes" -> settings.nodes(value.split(","));
                case "template" -> templates.add(template(value));
                case "snippets-dir" -> settings.snippetsDirectory(Path.of(value));
                case "seed" -> settings.seed(Long.parseLong(value));
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (!templates.isEmpty()) {
            settings.templates(templates.toArray(TemplateSpec[]::new));
        }
        SimulatorSettings built = settings.build();
        ProxmoxSimulator sim = ProxmoxSimulator.start(built);
        if (certOut != null) {
            sim.writeCertificate(certOut);
        }
        out.println("Proxmox VE " + built.apiVersion().release() + " simulator");
        out.println("  API:          " + sim.baseUrl());
        out.println("  token id:     " + sim.tokenId());
        out.println("  token secret: " + (built.tokenSecret() == null ? sim.tokenSecret() + " (generated for this run)" : "as given"));
        out.println("  certificate:  " + (certOut == null ? "not written (use --cert-out=FILE)" : certOut.toAbsolutePath()));
        out.println("  snippets:     " + sim.snippetsDirectory());
        out.println("  admin:        " + sim.adminUrl() + "/counters, " + sim.adminUrl() + "/faults");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        return sim;
    }

    private static TemplateSpec template(String value) {
        String[] parts = value.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--template wants VMID:NAME:NODE, got " + value);
        }
        return TemplateSpec.of(Integer.parseInt(parts[0]), parts[1], parts[2]);
    }
}
