package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.TemplateInspector;
import io.edukit.vmservice.worker.proxmox.VmConfig;
import io.edukit.vmservice.worker.proxmox.VmRef;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** How often a template is read from Proxmox before its clones. */
class FitTemplatesTest {

    static final VmRef TEMPLATE = new VmRef("pve4", 9999);
    static final VmRef OTHER = new VmRef("pve5", 9999);
    static final VmConfig FIT = new VmConfig("debian-12", null, true, null, "enabled=1,fstrim_cloned_disks=1",
            "local-lvm:base-9999-disk-0,size=2G", "local-lvm:vm-9999-cloudinit,media=cdrom", "order=scsi0", null, null, null,
            null, null);
    static final VmConfig NO_TEMPLATE = new VmConfig("debian-12", null, false, null, "enabled=1,fstrim_cloned_disks=1",
            "local-lvm:base-9999-disk-0,size=2G", "local-lvm:vm-9999-cloudinit,media=cdrom", "order=scsi0", null, null, null,
            null, null);

    ProxmoxClient proxmox = mock(ProxmoxClient.class);
    Instant now = Instant.parse("2026-11-30T10:00:00Z");
    FitTemplates templates = new FitTemplates(new TemplateInspector(proxmox), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aFitTemplateIsReadOnceWhileRememberedAndAgainAfterwards() {
        when(proxmox.config(TEMPLATE)).thenReturn(FIT);

        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();
        now = now.plus(FitTemplates.REMEMBERED).minusMillis(1);
        assertThat(templates.beforeClone(TEMPLATE).valid()).isTrue();
        verify(proxmox, times(1)).config(TEMPLATE);

        now = now.plusMillis(1);
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
    void eachTemplateIsRememberedForItsOwnTime() {
        when(proxmox.config(TEMPLATE)).thenReturn(FIT);
        when(proxmox.config(OTHER)).thenReturn(FIT);
        templates.beforeClone(TEMPLATE);
        now = now.plus(Duration.ofSeconds(5));
        templates.beforeClone(OTHER);

        now = now.plus(FitTemplates.REMEMBERED).minusSeconds(1);
        templates.beforeClone(TEMPLATE);
        templates.beforeClone(OTHER);

        verify(proxmox, times(2)).config(TEMPLATE);
        verify(proxmox, times(1)).config(OTHER);
    }
}
