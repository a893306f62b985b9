package io.edukit.vmservice.proxmoxsim.qemu;

import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.json.Json;
import io.edukit.vmservice.proxmoxsim.schema.ApiSchema;
import io.edukit.vmservice.proxmoxsim.schema.EndpointSchema;
import io.edukit.vmservice.proxmoxsim.schema.ParamSchema;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A VM configuration as {@code GET config} returns it. qemu-server converts integer, number and
 * boolean options while parsing the file, so those come out as JSON numbers ({@code "cores": 2},
 * {@code "template": 1}); property strings such as {@code memory} stay strings.
 */
final class ConfigView {

    private final EndpointSchema configSchema;

    ConfigView(ApiSchema schema) {
        this.configSchema = schema.endpoint(Operation.UPDATE_CONFIG);
    }

    ObjectNode render(Map<String, String> config, String digest) {
        ObjectNode out = Json.object();
        config.forEach((key, value) -> {
            String type = configSchema.lookup(key).map(ParamSchema::type).orElse("string");
            if (key.equals("cipassword")) {
                out.put(key, "**********");
            } else if ((type.equals("integer") || type.equals("boolean")) && value.matches("-?\\d{1,18}")) {
                out.put(key, Long.parseLong(value));
            } else if (type.equals("number") && value.matches("-?\\d+(\\.\\d+)?")) {
                out.put(key, Double.parseDouble(value));
            } else {
                out.put(key, value);
            }
        });
        out.put("digest", digest);
        return out;
    }
}
