package io.edukit.vmservice.proxmoxsim.api;

import io.edukit.vmservice.proxmoxsim.Operation;
import java.util.Map;
import java.util.Optional;

/**
 * A verified call: its operation, its parameters (path, query and body merged, already valid for
 * the schema) and the token id that made it.
 */
public record ApiCall(Operation operation, Map<String, String> params, String user) {

    public ApiCall {
        params = Map.copyOf(params);
    }

    public String node() {
        return require("node");
    }

    public int vmid() {
        return Integer.parseInt(require("vmid"));
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** Whether a boolean parameter is set to 1. */
    public boolean flag(String name) {
        return "1".equals(params.get(name));
    }

    public String require(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("parameter " + name + " was verified as present");
        }
        return value;
    }
}
