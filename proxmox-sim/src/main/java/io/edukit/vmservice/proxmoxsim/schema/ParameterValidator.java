package io.edukit.vmservice.proxmoxsim.schema;

import java.util.Map;
import java.util.TreeMap;

/**
 * Verifies a request's parameters (path, query and body merged) against its endpoint's schema,
 * as PVE does before any handler runs. An empty result means the request may proceed; otherwise
 * it is answered 400 {@code Parameter verification failed.} with the map as {@code errors}.
 */
public final class ParameterValidator {

    private ParameterValidator() {}

    public static Map<String, String> validate(EndpointSchema endpoint, Map<String, String> params) {
        Map<String, String> errors = new TreeMap<>();
        endpoint.parameters().forEach((name, schema) -> {
            if (!name.endsWith("[n]")) {
                SchemaChecker.checkProp(params.get(name), schema, name, errors);
            }
        });
        params.forEach((name, value) -> {
            var schema = endpoint.lookup(name);
            if (schema.isEmpty()) {
                SchemaChecker.addError(errors, name, SchemaChecker.NOT_DEFINED);
                return;
            }
            if (!endpoint.parameters().containsKey(name)) {
                SchemaChecker.checkProp(value, schema.get(), name, errors);
            }
            String requires = schema.get().requires();
            if (requires != null && !params.containsKey(requires)) {
                SchemaChecker.addError(errors, requires, "missing property - '" + name + "' requires this property");
            }
        });
        return errors;
    }
}
