package io.edukit.vmservice.worker.proxmox;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxmoxPropertiesTest {

    @Test
    void aFirstTaskPollPauseLongerThanTheLongestIsRefusedAtStart() {
        assertThatThrownBy(() -> new ProxmoxProperties(URI.create("https://pve.example:8006/api2/json"), "edukit@pve!vm", null,
                null, true, null, Duration.ofSeconds(5), Duration.ofSeconds(30), 64, Duration.ofMinutes(15),
                Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxmox.task-poll-initial (PT2S) is longer than proxmox.task-poll-max (PT1S)");
    }
}
