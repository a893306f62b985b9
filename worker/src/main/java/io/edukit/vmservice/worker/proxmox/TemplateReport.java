package io.edukit.vmservice.worker.proxmox;

import java.util.List;

/** What the inspector found wrong with a template, in words an operator acts on; empty when it is fit to clone. */
public record TemplateReport(VmRef template, List<String> problems) {

    public TemplateReport {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
