package io.edukit.vmservice.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <scenario> [options]}: a named scenario, changed by the options given. Unknown options and
 * malformed values are refused with the usage, never ignored.
 */
final class ScenarioArguments {

    static final String USAGE = """
            bench/run <%s> [options]
              --vms N                VMs to ask for (scenario's own by default)
              --rate R               open loop: R POSTs a second
              --concurrency C        closed loop: C VMs between POST and RUNNING at any time
              --nodes N              simulated nodes (each with its template)
              --clones-per-node N    the worker's clone cap per node
              --time-scale X         multiplies the simulator's latencies (lab scenarios: 0.05)
              --jitter X             spreads each simulated duration by up to X either way (default 0)
              --fault-rate X         share of Proxmox API calls answered 596
              --worker-heap MB       -Xmx of the worker (default 512, backlog 256)
              --api-heap MB          -Xmx of the API (default 512)
              --jvm OPTION           a JVM option of both services, e.g. --jvm -XX:+UseSerialGC (repeatable)
              --worker key=value     a worker setting, e.g. --worker proxmox.task-poll-initial=20ms (repeatable)
              --warmup N             VMs run before the measured ones, to warm the JVMs (default %d; 0 for none)
              --profile              record JFR profiles of the worker and the API
            """.formatted(String.join("|", Scenarios.NAMES), Scenarios.WARMUP);

    private ScenarioArguments() {
    }

    static Scenario parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("name a scenario");
        }
        Scenario named = Scenarios.named(args.getFirst());
        int vms = named.vms();
        LoadShape load = named.load();
        ProxmoxTiming proxmox = named.proxmox();
        int nodes = named.nodes();
        int clonesPerNode = named.clonesPerNode();
        double faultRate = named.faultRate();
        int workerHeapMb = named.workerHeapMb();
        int apiHeapMb = named.apiHeapMb();
        List<String> jvmOptions = new ArrayList<>(named.jvmOptions());
        Map<String, String> workerSettings = new LinkedHashMap<>(named.workerSettings());
        int warmupVms = named.warmupVms();
        boolean profile = named.profile();
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--profile")) {
                profile = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--vms" -> vms = (int) number(option, value, 1, Integer.MAX_VALUE, true);
                case "--rate" -> load = new LoadShape.OpenLoop(number(option, value, Double.MIN_VALUE, 1e6, false));
                case "--concurrency" -> load = new LoadShape.ClosedLoop((int) number(option, value, 1, 1e6, true));
                case "--nodes" -> nodes = (int) number(option, value, 1, 64, true);
                case "--clones-per-node" -> clonesPerNode = (int) number(option, value, 1, 1024, true);
                case "--time-scale" -> proxmox = proxmox.withTimeScale(number(option, value, 0, 1e3, false));
                case "--jitter" -> proxmox = proxmox.withJitter(number(option, value, 0, 1, false));
                case "--fault-rate" -> faultRate = number(option, value, 0, 1, false);
                case "--warmup" -> warmupVms = (int) number(option, value, 0, 1e6, true);
                case "--worker-heap" -> workerHeapMb = (int) number(option, value, 64, 65_536, true);
                case "--api-heap" -> apiHeapMb = (int) number(option, value, 64, 65_536, true);
                case "--jvm" -> {
                    if (!value.startsWith("-")) {
                        throw new IllegalArgumentException("--jvm takes a JVM option, such as -XX:+UseSerialGC, got '"
                                + value + "'");
                    }
                    jvmOptions.add(value);
                }
                case "--worker" -> {
                    int equals = value.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--worker takes key=value, got '" + value + "'");
                    }
                    workerSettings.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new Scenario(named.name(), vms, load, proxmox, nodes, clonesPerNode, faultRate, workerHeapMb, apiHeapMb,
                jvmOptions, workerSettings, warmupVms, profile, named.target());
    }

    /** The option's value, a number from {@code min} to {@code max}, whole if {@code whole}; anything else is refused. */
    private static double number(String option, String value, double min, double max, boolean whole) {
        try {
            double x = whole ? Long.parseLong(value) : Double.parseDouble(value);
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        String bound = min == Double.MIN_VALUE ? "above 0" : "from " + (whole ? Long.toString((long) min) : min)
                + " to " + (whole ? Long.toString((long) max) : max);
        throw new IllegalArgumentException(option + " takes a " + (whole ? "whole number" : "number") + " " + bound
                + ", got '" + value + "'");
    }
}
