package io.edukit.vmservice.worker.steps;

import io.edukit.vmservice.worker.provisioning.JobStep;
import io.edukit.vmservice.worker.provisioning.StepFailure;
import io.edukit.vmservice.worker.provisioning.StepOutcome;
import io.edukit.vmservice.worker.provisioning.VmJob;
import io.edukit.vmservice.worker.provisioning.VmSpec;
import io.edukit.vmservice.worker.proxmox.ConfigChange;
import io.edukit.vmservice.worker.proxmox.ProxmoxClient;
import io.edukit.vmservice.worker.proxmox.TaskWaiter;
import io.edukit.vmservice.worker.proxmox.VmRef;
import io.edukit.vmservice.worker.snippets.SnippetStore;
import io.edukit.vmservice.worker.snippets.UserDataRenderer;
import io.edukit.vmservice.worker.snippets.UserDataRequest;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Writes the VM's user-data snippet over SFTP, then points the VM at it and sets its size, name,
 * tags, DHCP on net0 and the guest agent. Writing the same file and the same settings again
 * changes nothing, so the step is safe to repeat.
 */
@Component
class CloudInitStep implements Step {

    private final ProxmoxClient client;
    private final TaskWaiter tasks;
    private final SnippetStore snippets;
    private final UserDataRenderer renderer;
    private final StepProperties properties;

    CloudInitStep(ProxmoxClient client, TaskWaiter tasks, SnippetStore snippets, UserDataRenderer renderer,
                  StepProperties properties) {
        this.client = client;
        this.tasks = tasks;
        this.snippets = snippets;
        this.renderer = renderer;
        this.properties = properties;
    }

    @Override
    public JobStep name() {
        return JobStep.CLOUD_INIT;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.API, Channel.SSH);
    }

    @Override
    public StepOutcome run(StepContext context) {
        VmJob job = context.job();
        VmRef vm = PlacedVm.of(job);
        VmSpec spec = job.spec();
        String file = PlacedVm.snippetFile(job);
        snippets.write(vm.node(), file, userData(spec));
        ConfigChange change = new ConfigChange(spec.hostname(), spec.cores(), spec.memoryMb(),
                "user=" + properties.snippetStorage() + ":snippets/" + file, "ip=dhcp", properties.tags(), true, null);
        tasks.await(client.updateConfig(vm, change), "cloud-init configuration of " + vm);
        return StepOutcome.done();
    }

    private byte[] userData(VmSpec spec) {
        try {
            return renderer.render(new UserDataRequest(spec.hostname(), null, properties.guestUser(), spec.sshPublicKeys(),
                    spec.packages()));
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent(e.getMessage());
        }
    }
}
