package io.edukit.vmservice.worker.proxmox;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxmoxPropertiesTest {

    @Test
    void aFirstTaskPollPauseLongerThanTheLongestIsRefusedAtStart() {
        assertThatThrownBy(() -> withTaskPolls(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxmox.task-poll-initial (PT2S) is longer than proxmox.task-poll-max (PT1S)");
    }

    @Test
    void aFirstTaskPollPauseOfZeroOrLessIsRefusedAtStart() {
        assertThatThrownBy(() -> withTaskPolls(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxmox.task-poll-initial must be longer than zero, not PT0S");
        assertThatThrownBy(() -> withTaskPolls(Duration.ofMillis(-200), Duration.ofMillis(-100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be longer than zero");
    }

    private static ProxmoxProperties withTaskPolls(Duration initial, Duration max) {
        return new ProxmoxProperties(URI.create("https://pve.example:8006/api2/json"), "edukit@pve!vm", null,
                null, true, null, Duration.ofSeconds(5), Duration.ofSeconds(30), 64, Duration.ofMinutes(15), initial, max);
    }
}
