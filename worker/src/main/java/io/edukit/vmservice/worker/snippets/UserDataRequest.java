package io.edukit.vmservice.worker.snippets;

import io.edukit.vmservice.schemas.SshPublicKey;
import io.edukit.vmservice.schemas.VmRequestRules;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a VM's user-data is made of, checked before anything is rendered: because
 * {@code cicustom user=} replaces Proxmox's own user-data, hostname, user and keys all live here.
 *
 * @param hostname RFC 1123 host name (one label or more)
 * @param domain   the domain that makes the fqdn, or null for none
 * @param userName the default user, who gets sudo and the keys
 * @param sshKeys  the OpenSSH public keys that may log in as that user
 * @param packages extra Debian packages asked for, besides the guest agent
 */
public record UserDataRequest(String hostname, @Nullable String domain, String userName, List<String> sshKeys, List<String> packages) {

    private static final Pattern HOSTNAME = Pattern.compile(VmRequestRules.HOSTNAME_PATTERN);
    private static final Pattern PACKAGE = Pattern.compile(VmRequestRules.PACKAGE_PATTERN);
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** Debian's system accounts: none of them may get the requested keys and sudo. */
    private static final java.util.Set<String> SYSTEM_USERS = java.util.Set.of("root", "daemon", "bin", "sys", "sync",
            "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data", "backup", "list", "irc", "nobody",
            "systemd-network", "systemd-timesync", "messagebus", "sshd", "_apt");

    public UserDataRequest {
        sshKeys = List.copyOf(sshKeys);
        packages = List.copyOf(packages);
        List<String> problems = new ArrayList<>();
        if (!validHostname(hostname)) {
            problems.add("hostname must be an RFC 1123 host name of at most " + VmRequestRules.HOSTNAME_MAX_LENGTH + " characters");
        }
        if (domain != null && (!validHostname(domain) || (hostname + "." + domain).length() > VmRequestRules.HOSTNAME_MAX_LENGTH)) {
            problems.add("domain must be an RFC 1123 domain name that keeps the fqdn within 253 characters");
        }
        if (!USER.matcher(userName).matches() || SYSTEM_USERS.contains(userName)) {
            problems.add("user name must be a POSIX user name (lower case letters, digits, _ and -) and no system account");
        }
        if (sshKeys.isEmpty() || sshKeys.size() > VmRequestRules.MAX_SSH_KEYS) {
            problems.add("between 1 and " + VmRequestRules.MAX_SSH_KEYS + " SSH public keys are needed");
        }
        for (int i = 0; i < sshKeys.size(); i++) {
            try {
                SshPublicKey.parse(sshKeys.get(i));
            } catch (IllegalArgumentException e) {
                problems.add("sshKeys[" + i + "]: " + e.getMessage());
            }
        }
        if (packages.size() > VmRequestRules.MAX_PACKAGES) {
            problems.add("at most " + VmRequestRules.MAX_PACKAGES + " extra packages");
        }
        for (String name : packages) {
            if (!PACKAGE.matcher(name).matches()) {
                problems.add("package '" + printable(name) + "' is not a Debian package name");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("user-data refused: " + String.join("; ", problems));
        }
    }

    private static boolean validHostname(String name) {
        return name.length() <= VmRequestRules.HOSTNAME_MAX_LENGTH && HOSTNAME.matcher(name).matches();
    }

    private static String printable(String text) {
        String shown = text.replaceAll("[^\\x21-\\x7e]", "?");
        return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
    }
}
