package io.edukit.vmservice.proxmoxsim;

import java.util.Locale;

/**
 * The API calls the simulator answers, each one endpoint (method and path template as in the
 * official schema). Faults and counters name them.
 */
public enum Operation {
    VERSION("GET", "/version"),
    NEXT_ID("GET", "/cluster/nextid"),
    CLUSTER_RESOURCES("GET", "/cluster/resources"),
    LIST_VMS("GET", "/nodes/{node}/qemu"),
    CLONE("POST", "/nodes/{node}/qemu/{vmid}/clone"),
    READ_CONFIG("GET", "/nodes/{node}/qemu/{vmid}/config"),
    UPDATE_CONFIG("POST", "/nodes/{node}/qemu/{vmid}/config"),
    UPDATE_CONFIG_SYNC("PUT", "/nodes/{node}/qemu/{vmid}/config"),
    READ_PENDING("GET", "/nodes/{node}/qemu/{vmid}/pending"),
    UNLINK("PUT", "/nodes/{node}/qemu/{vmid}/unlink"),
    RESIZE("PUT", "/nodes/{node}/qemu/{vmid}/resize"),
    START("POST", "/nodes/{node}/qemu/{vmid}/status/start"),
    STOP("POST", "/nodes/{node}/qemu/{vmid}/status/stop"),
    SHUTDOWN("POST", "/nodes/{node}/qemu/{vmid}/status/shutdown"),
    READ_STATUS("GET", "/nodes/{node}/qemu/{vmid}/status/current"),
    DESTROY("DELETE", "/nodes/{node}/qemu/{vmid}"),
    CONVERT_TO_TEMPLATE("POST", "/nodes/{node}/qemu/{vmid}/template"),
    AGENT_NETWORK("GET", "/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces"),
    TASK_STATUS("GET", "/nodes/{node}/tasks/{upid}/status"),
    TASK_LOG("GET", "/nodes/{node}/tasks/{upid}/log"),
    STORAGE_CONTENT("GET", "/nodes/{node}/storage/{storage}/content");

    private final String method;
    private final String pathTemplate;

    Operation(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    /** Method and path template, e.g. {@code POST /nodes/{node}/qemu/{vmid}/clone}: the counters' key. */
    public String endpoint() {
        return method + " " + pathTemplate;
    }

    /** The short name used in admin JSON, e.g. {@code clone}, {@code update-config}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a short name ({@code clone}), an enum name ({@code CLONE}) or an endpoint
     * ({@code POST /nodes/{node}/qemu/{vmid}/clone}).
     */
    public static Operation parse(String text) {
        String t = text.trim();
        for (Operation op : values()) {
            if (op.key().equalsIgnoreCase(t) || op.name().equalsIgnoreCase(t) || op.endpoint().equalsIgnoreCase(t)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + text + "'");
    }
}
