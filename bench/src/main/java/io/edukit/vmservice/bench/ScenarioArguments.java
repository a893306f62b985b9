package io.edukit.vmservice.bench;

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
              --worker key=value     a worker setting, e.g. --worker proxmox.task-poll-initial=20ms (repeatable)
              --warmup N             VMs run before the measured ones, to warm the JVMs (default 50; 0 for none)
              --profile              record JFR profiles of the worker and the API
            """.formatted(String.join("|", Scenarios.NAMES));

    private ScenarioArguments() {
    }

    static Scenario parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("name a scenario");
        }
        Scenario scenario = Scenarios.named(args.getFirst());
        Map<String, String> workerSettings = new LinkedHashMap<>(scenario.workerSettings());
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--profile")) {
                scenario = scenario.profiled();
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            scenario = switch (option) {
                case "--vms" -> scenario.withVms(positiveInt(option, value));
                case "--rate" -> scenario.withLoad(new LoadShape.OpenLoop(positiveNumber(option, value)));
                case "--concurrency" -> scenario.withLoad(new LoadShape.ClosedLoop(positiveInt(option, value)));
                case "--nodes" -> scenario.withNodes(positiveInt(option, value), scenario.clonesPerNode());
                case "--clones-per-node" -> scenario.withNodes(scenario.nodes(), positiveInt(option, value));
                case "--time-scale" -> scenario.withProxmox(scenario.proxmox().withTimeScale(fraction(option, value, false)));
                case "--jitter" -> scenario.withProxmox(scenario.proxmox().withJitter(fraction(option, value, true)));
                case "--fault-rate" -> scenario.withFaultRate(fraction(option, value, true));
                case "--warmup" -> scenario.withWarmup(nonNegativeInt(option, value));
                case "--worker-heap" -> scenario.withHeaps(positiveInt(option, value), scenario.apiHeapMb());
                case "--api-heap" -> scenario.withHeaps(scenario.workerHeapMb(), positiveInt(option, value));
                case "--worker" -> {
                    int equals = value.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--worker takes key=value, got '" + value + "'");
                    }
                    workerSettings.put(value.substring(0, equals), value.substring(equals + 1));
                    yield scenario.withWorkerSettings(workerSettings);
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            };
        }
        return scenario;
    }

    private static int positiveInt(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least 1, got '" + value + "'");
    }

    private static int nonNegativeInt(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a whole number of at least 0, got '" + value + "'");
    }

    private static double positiveNumber(String option, String value) {
        try {
            double x = Double.parseDouble(value);
            if (x > 0 && Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a number above 0, got '" + value + "'");
    }

    /** A number of at least 0, at most 1 when {@code upToOne} (a time scale may exceed 1). */
    private static double fraction(String option, String value, boolean upToOne) {
        try {
            double x = Double.parseDouble(value);
            if (x >= 0 && Double.isFinite(x) && (!upToOne || x <= 1)) {
                return x;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " takes a number " + (upToOne ? "from 0 to 1" : "of at least 0")
                + ", got '" + value + "'");
    }
}
