package io.edukit.vmservice.worker.snippets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDataRendererTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeDl/ezd7h4zxP2a4Ms4QFlxmRwD8OdeQaOCyEaCoX/ student@edukit";

    final UserDataRenderer renderer = new UserDataRenderer();

    static UserDataRequest aRequest(String hostname, String key, List<String> packages) {
        return new UserDataRequest(hostname, "lab.edukit.io", "student", List.of(key), packages);
    }

    @Test
    void theRenderedUserDataMatchesTheGoldenFile() throws IOException {
        String rendered = render(aRequest("ws-alice-01", KEY, List.of("git", "python3-venv")));

        assertThat(rendered).isEqualTo(golden("user-data.yaml"));
    }

    @Test
    void parsedBackItHasExactlyTheExpectedStructure() {
        Map<String, Object> document = parse(render(aRequest("ws-alice-01", KEY, List.of("git"))));

        assertThat(document).containsOnlyKeys("hostname", "fqdn", "manage_etc_hosts", "users", "ssh_pwauth", "packages", "runcmd");
        assertThat(document).containsEntry("hostname", "ws-alice-01")
                .containsEntry("fqdn", "ws-alice-01.lab.edukit.io")
                .containsEntry("ssh_pwauth", false)
                .containsEntry("packages", List.of("qemu-guest-agent", "git"))
                .containsEntry("runcmd", List.of(List.of("systemctl", "enable", "--now", "qemu-guest-agent")));
        assertThat(document.get("users")).isEqualTo(List.of(Map.of(
                "name", "student", "groups", List.of("sudo"), "shell", "/bin/bash", "sudo", "ALL=(ALL) NOPASSWD:ALL",
                "lock_passwd", true, "ssh_authorized_keys", List.of(KEY))));
    }

    @Test
    void aKeyCommentThatLooksLikeYamlStaysAPlainString() {
        String trickyComment = KEY.substring(0, KEY.lastIndexOf(' ')) + " a: b # c - [x] {y} 'z' \"q\" &anchor *ref !tag |";

        Map<String, Object> document = parse(render(aRequest("ws-1", trickyComment, List.of())));

        assertThat(document).containsOnlyKeys("hostname", "fqdn", "manage_etc_hosts", "users", "ssh_pwauth", "packages", "runcmd");
        @SuppressWarnings("unchecked")
        Map<String, Object> user = ((List<Map<String, Object>>) document.get("users")).getFirst();
        assertThat(user.get("ssh_authorized_keys")).isEqualTo(List.of(trickyComment));
    }

    @Test
    void theGuestAgentIsInstalledOnceWhateverIsAskedFor() {
        Map<String, Object> document = parse(render(aRequest("ws-1", KEY, List.of("qemu-guest-agent", "git", "git"))));

        assertThat(document.get("packages")).isEqualTo(List.of("qemu-guest-agent", "git"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hostname with a newline        | ws-1\\nruncmd: [reboot] | ssh-ed25519 OK                         | git         | hostname must be an RFC 1123
            hostname with a space          | ws 1                   | ssh-ed25519 OK                         | git         | hostname must be an RFC 1123
            key carrying YAML              | ws-1                   | ssh-ed25519 OK\\nruncmd: [reboot]     | git         | sshKeys[0]: SSH public key must be a single line
            key with options               | ws-1                   | command="/bin/sh" ssh-ed25519 OK       | git         | sshKeys[0]: SSH public key type 'command="/bin/sh"' is not allowed
            package with shell characters  | ws-1                   | ssh-ed25519 OK                         | git;reboot  | package 'git;reboot' is not a Debian package name
            package with a newline         | ws-1                   | ssh-ed25519 OK                         | git\\nx    | is not a Debian package name
            package with a space           | ws-1                   | ssh-ed25519 OK                         | git curl    | package 'git?curl' is not a Debian package name
            """)
    void hostileInputIsRefusedWithAClearReason(String name, String hostname, String key, String packageName, String reason) {
        String realKey = key.replace("ssh-ed25519 OK", KEY).replace("\\n", "\n");

        assertThatThrownBy(() -> aRequest(hostname.replace("\\n", "\n"), realKey, List.of(packageName.replace("\\n", "\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("user-data refused: ")
                .hasMessageContaining(reason);
    }

    @Test
    void aSystemAccountCannotBeTheDefaultUser() {
        assertThatThrownBy(() -> new UserDataRequest("ws-1", null, "root", List.of(KEY), List.of()))
                .hasMessageContaining("no system account");
    }

    @Test
    void userDataBeyondTheSnippetLimitIsRefused() {
        String hugeComment = KEY.substring(0, KEY.lastIndexOf(' ')) + " " + "x".repeat(200);
        List<String> keys = java.util.Collections.nCopies(16, hugeComment);

        byte[] rendered = renderer.render(new UserDataRequest("ws-1", null, "student", keys, List.of()));

        assertThat(rendered.length).isLessThan(UserDataRenderer.MAX_BYTES);
        assertThat(new String(rendered, StandardCharsets.UTF_8)).doesNotContain("fqdn");
    }

    private String render(UserDataRequest request) {
        return new String(renderer.render(request), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> parse(String rendered) {
        assertThat(rendered).startsWith("#cloud-config\n");
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(rendered);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = UserDataRendererTest.class.getResourceAsStream("/snippets/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
