package io.edukit.vmservice.worker.steps;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * What the steps make on Proxmox.
 *
 * @param vmidRange       the VMIDs VmService may give its VMs, {@code first-last}, at most {@value #MAX_VMIDS} of them
 *                        (each is a row of the VMID pool); keep it clear of the templates and of other tools
 * @param networkWait     how long the network step waits for the guest agent to report an IPv4 address
 * @param guestUser       the user cloud-init creates in every VM, with the requested SSH keys and sudo
 * @param snippetStorage  the PVE storage whose {@code snippets/} directory the SSH channel writes to
 * @param tags            the Proxmox tags every VM gets, so that OPS see at once which VMs are VmService's
 * @param templateRereadAfter how long a template found fit to clone is not read again before the next clones of it;
 *                        zero reads it before every clone
 */
@Validated
@ConfigurationProperties("vmservice")
public record StepProperties(
        @DefaultValue("100000-199999") @Pattern(regexp = "\\d{3,9}-\\d{3,9}") String vmidRange,
        @DefaultValue("5m") Duration networkWait,
        @DefaultValue("student") @NotBlank String guestUser,
        @DefaultValue("local") @NotBlank String snippetStorage,
        @DefaultValue("edukit,vmservice") List<String> tags,
        @DefaultValue("10s") Duration templateRereadAfter) {

    /** The most VMIDs a range may hold: the worker writes one pool row for each at start. */
    public static final int MAX_VMIDS = 1_000_000;

    @AssertTrue(message = "vmservice.vmid-range must be first-last with first <= last and at most 1,000,000 VMIDs")
    public boolean isVmidRangeUsable() {
        return !vmidRange.matches("\\d{3,9}-\\d{3,9}") || (firstVmid() <= lastVmid() && lastVmid() - firstVmid() < MAX_VMIDS);
    }

    public int firstVmid() {
        return Integer.parseInt(vmidRange.substring(0, vmidRange.indexOf('-')));
    }

    public int lastVmid() {
        return Integer.parseInt(vmidRange.substring(vmidRange.indexOf('-') + 1));
    }
}
