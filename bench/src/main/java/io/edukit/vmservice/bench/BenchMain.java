package io.edukit.vmservice.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench/run <scenario> [options]}: runs one scenario against the whole pipeline on this
 * machine and writes its results under {@code bench/results/}. Run from the repository's root.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(ScenarioArguments.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
            return;
        }
        Scenario scenario;
        try {
            scenario = ScenarioArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(ScenarioArguments.USAGE);
            System.exit(2);
            return;
        }
        Path bench = Path.of(System.getProperty("bench.dir", "bench"));
        new BenchRun(scenario, String.join(" ", List.of(args)), bench.resolve("results"),
                bench.resolve("target").resolve("runs"), System.out).run();
        System.exit(0);
    }
}
