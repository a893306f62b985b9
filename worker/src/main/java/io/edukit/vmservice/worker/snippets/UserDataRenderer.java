package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.schemas.SshPublicKey;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code #cloud-config} user-data with a YAML library from a validated request: the
 * host name, one sudo user with the requested keys and no password, password login off, the
 * QEMU guest agent installed and started (the worker reads the VM's address through it), and
 * the extra packages asked for. Nothing else.
 */
public final class UserDataRenderer {

    /** PVE reads snippets of at most 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;
    static final String GUEST_AGENT = "qemu-guest-agent";

    private final Yaml yaml;

    public UserDataRenderer() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        this.yaml = new Yaml(options);
    }

    public byte[] render(UserDataRequest request) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("hostname", request.hostname());
        if (request.domain() != null) {
            document.put("fqdn", request.hostname() + "." + request.domain());
        }
        document.put("manage_etc_hosts", true);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", request.userName());
        user.put("groups", List.of("sudo"));
        user.put("shell", "/bin/bash");
        user.put("sudo", "ALL=(ALL) NOPASSWD:ALL");
        user.put("lock_passwd", true);
        // The parsed key's own line: whatever surrounded it in the request stays out.
        user.put("ssh_authorized_keys", request.sshKeys().stream().map(key -> SshPublicKey.parse(key).line()).toList());
        document.put("users", List.of(user));
        document.put("ssh_pwauth", false);
        List<String> packages = new ArrayList<>();
        packages.add(GUEST_AGENT);
        request.packages().stream().filter(p -> !p.equals(GUEST_AGENT)).distinct().forEach(packages::add);
        document.put("packages", packages);
        document.put("runcmd", List.of(List.of("systemctl", "enable", "--now", GUEST_AGENT)));

        byte[] rendered = ("#cloud-config\n" + yaml.dump(document)).getBytes(StandardCharsets.UTF_8);
        if (rendered.length > MAX_BYTES) {
            throw new IllegalArgumentException("user-data of " + rendered.length + " bytes exceeds Proxmox's snippet limit of " + MAX_BYTES);
        }
        return rendered;
    }
}
