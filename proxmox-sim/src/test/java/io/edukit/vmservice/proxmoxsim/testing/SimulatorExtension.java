package io.edukit.vmservice.proxmoxsim.testing;

import io.edukit.vmservice.proxmoxsim.ProxmoxSimulator;
import io.edukit.vmservice.proxmoxsim.SimulatorSettings;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a simulator for a test class and gives it a {@link PveClient}. Registered with
 * {@code @RegisterExtension} on a static field, one simulator serves the whole class; on an
 * instance field, each test gets a fresh one. The simulator is started before the class's own
 * {@code @BeforeAll}/{@code @BeforeEach} methods run, so they can already use it.
 */
public final class SimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final SimulatorSettings settings;
    private @Nullable ProxmoxSimulator sim;
    private @Nullable PveClient api;
    private boolean perClass;

    private SimulatorExtension(SimulatorSettings settings) {
        this.settings = settings;
    }

    /** A simulator with {@link SimulatorSettings#instant()}. */
    public static SimulatorExtension instant() {
        return with(SimulatorSettings.instant());
    }

    public static SimulatorExtension with(SimulatorSettings settings) {
        return new SimulatorExtension(settings);
    }

    public ProxmoxSimulator sim() {
        if (sim == null) {
            throw new IllegalStateException("the simulator is not running");
        }
        return sim;
    }

    public PveClient api() {
        if (api == null) {
            throw new IllegalStateException("the simulator is not running");
        }
        return api;
    }

    /** Replaces the running simulator with one started from other settings, for a single test's needs. */
    public void restart(SimulatorSettings other) {
        stop();
        start(other);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start(settings);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start(settings);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start(SimulatorSettings with) {
        ProxmoxSimulator started = ProxmoxSimulator.start(with);
        sim = started;
        api = PveClient.of(started);
    }

    private void stop() {
        ProxmoxSimulator running = sim;
        sim = null;
        api = null;
        if (running != null) {
            running.close();
        }
    }
}
