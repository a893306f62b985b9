package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.provisioning.FailureClass;
import io.edukit.vmservice.worker.proxmox.CloneRequest;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.ProxmoxException;
import io.edukit.vmservice.worker.proxmox.Upid;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which calls are asked again in place after a transient failure, and how often (here: twice). */
class GuardedProxmoxClientTest {

    static final CloneRequest CLONE = new CloneRequest(new VmRef("pve4", 9999), 100017, "ws-alice-01", "local-lvm",
            "vmservice-id=1");
    static final Upid TASK = new Upid("UPID:pve4:000A1B2C:0012D687:67A1B2C3:qmclone:9999:edukit-api-dev@pve!vm-service:");

    ProxmoxClient proxmox = mock(ProxmoxClient.class);
    GuardedProxmoxClient guarded = new GuardedProxmoxClient(proxmox, new NodeCircuits(properties()), properties().retry());

    @Test
    void aCloneCallThatFailedTransientlyIsAskedAgainInPlace() {
        ProxmoxException timedOut = failure(FailureClass.TRANSIENT);
        when(proxmox.cloneVm(CLONE)).thenThrow(timedOut).thenReturn(TASK);

        assertThat(guarded.cloneVm(CLONE)).isEqualTo(TASK);
        verify(proxmox, times(2)).cloneVm(CLONE);
    }

    @Test
    void aCloneRefusedOrFailingForGoodIsNotAskedAgain() {
        ProxmoxException exists = failure(FailureClass.CONFLICT);
        when(proxmox.cloneVm(CLONE)).thenThrow(exists);

        assertThatThrownBy(() -> guarded.cloneVm(CLONE)).isSameAs(exists);
        verify(proxmox, times(1)).cloneVm(CLONE);
    }

    @Test
    void aReadIsAskedAgainAsOftenAsConfiguredThenItsFailureStands() {
        VmRef vm = new VmRef("pve4", 100017);
        ProxmoxException first = failure(FailureClass.TRANSIENT);
        ProxmoxException second = failure(FailureClass.TRANSIENT);
        ProxmoxException lastFailure = failure(FailureClass.TRANSIENT);
        VmConfig config = mock(VmConfig.class);
        when(proxmox.config(vm)).thenThrow(first, second, lastFailure).thenReturn(config);

        assertThatThrownBy(() -> guarded.config(vm)).isSameAs(lastFailure);
        verify(proxmox, times(3)).config(vm);
    }

    private static ProxmoxException failure(FailureClass failureClass) {
        ProxmoxException failure = mock(ProxmoxException.class);
        when(failure.failureClass()).thenReturn(failureClass);
        return failure;
    }

    private static ExecutorProperties properties() {
        return new ExecutorProperties(2, Map.of(),
                new ExecutorProperties.Executor(true, null, 64, Duration.ofMillis(500), Duration.ofSeconds(30),
                        Duration.ofSeconds(20), Duration.ofMinutes(1)),
                new ExecutorProperties.Retry(8, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2), 0.5, 2, Duration.ofMillis(1)),
                new ExecutorProperties.CircuitBreaker(50, 20, 10, Duration.ofSeconds(30)));
    }
}
