package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.TemplateInspector;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** How often a template is read from Proxmox before its clones. */
class FitTemplatesTest {

    static final Duration REMEMBERED = Duration.ofSeconds(10);
    static final VmRef TEMPLATE = new VmRef("pve4", 9999);
    static final VmRef OTHER = new VmRef("pve5", 9999);
    static final VmConfig FIT = template(true);
    static final VmConfig NO_TEMPLATE = template(false);

    ProxmoxClient proxmox = mock(ProxmoxClient.class);
    AtomicLong nanos = new AtomicLong(Long.MAX_VALUE - REMEMBERED.toNanos() / 2);
    FitTemplates templates = new FitTemplates(new TemplateInspector(proxmox), REMEMBERED, nanos::get);

    @Test
    void aFitTemplateIsReadOnceWhileRememberedAndAgainAfterwards() {
        when(proxmox.config(TEMPLATE)).thenReturn(FIT);

        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();
        // Across nanoTime's wrap-around, as System.nanoTime may.
        pass(REMEMBERED.minusNanos(1));
        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();
        verify(proxmox, times(1)).config(TEMPLATE);

        pass(Duration.ofNanos(1));
        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();
        verify(proxmox, times(2)).config(TEMPLATE);
    }

    @Test
    void anUnfitTemplateIsReadAtEveryCloneAndOnceFixedIsRemembered() {
        when(proxmox.config(TEMPLATE)).thenReturn(NO_TEMPLATE, NO_TEMPLATE, FIT);

        assertThat(templates.beforeClone(TEMPLATE).problems()).singleElement().asString().contains("is not a template");
        assertThat(templates.beforeClone(TEMPLATE).valid()).isFalse();
        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();
        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();

        verify(proxmox, times(3)).config(TEMPLATE);
    }

    @Test
    void aForgottenTemplateIsReadAtItsNextCloneAndTheOthersStayRemembered() {
        when(proxmox.config(TEMPLATE)).thenReturn(FIT, NO_TEMPLATE);
        when(proxmox.config(OTHER)).thenReturn(FIT);
        templates.beforeClone(TEMPLATE);
        templates.beforeClone(OTHER);

        templates.forget(TEMPLATE);

        assertThat(templates.beforeClone(TEMPLATE).valid()).isFalse();
        assertThat(templates.beforeClone(OTHER).valid()).isTrue();
        verify(proxmox, times(2)).config(TEMPLATE);
        verify(proxmox, times(1)).config(OTHER);
    }

    @Test
    void aReadBegunBeforeTheTemplateWasForgottenDoesNotBringBackItsVerdict() {
        doAnswer(read -> {
            // Another job's clone call is refused while this read is under way.
            pass(Duration.ofMillis(1));
            templates.forget(TEMPLATE);
            return FIT;
        }).doReturn(FIT).when(proxmox).config(TEMPLATE);

        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();
        templates.beforeClone(TEMPLATE);

        verify(proxmox, times(2)).config(TEMPLATE);
    }

    @Test
    void eachTemplateIsRememberedForItsOwnTime() {
        when(proxmox.config(TEMPLATE)).thenReturn(FIT);
        when(proxmox.config(OTHER)).thenReturn(FIT);
        templates.beforeClone(TEMPLATE);
        pass(Duration.ofSeconds(5));
        templates.beforeClone(OTHER);

        pass(REMEMBERED.minusSeconds(1));
        templates.beforeClone(TEMPLATE);
        templates.beforeClone(OTHER);

        verify(proxmox, times(2)).config(TEMPLATE);
        verify(proxmox, times(1)).config(OTHER);
    }

    @Test
    void rememberingForNoTimeReadsBeforeEveryClone() {
        FitTemplates everyTime = new FitTemplates(new TemplateInspector(proxmox), Duration.ZERO, nanos::get);
        when(proxmox.config(TEMPLATE)).thenReturn(FIT);

        everyTime.beforeClone(TEMPLATE);
        everyTime.beforeClone(TEMPLATE);

        verify(proxmox, times(2)).config(TEMPLATE);
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    private static VmConfig template(boolean template) {
        return new VmConfig("debian-12", null, template, null, "enabled=1,fstrim_cloned_disks=1",
                "local-lvm:base-9999-disk-0,size=2G", "local-lvm:vm-9999-cloudinit,media=cdrom", "order=scsi0", null, null,
                null, null, null);
    }
}
