package io.edukit.vmservice.proxmoxsim.api;

import io.edukit.vmservice.proxmoxsim.ApiVersion;
import io.edukit.vmservice.proxmoxsim.Operation;
import io.edukit.vmservice.proxmoxsim.auth.TokenAuthenticator;
import io.edukit.vmservice.proxmoxsim.counters.CallCounters;
import io.edukit.vmservice.proxmoxsim.faults.FaultInjector;
import io.edukit.vmservice.proxmoxsim.faults.HttpFailure;
import io.edukit.vmservice.proxmoxsim.http.IncomingRequest;
import io.edukit.vmservice.proxmoxsim.http.OutgoingResponse;
import io.edukit.vmservice.proxmoxsim.http.RequestHandler;
import io.edukit.vmservice.proxmoxsim.schema.ApiSchema;
import io.edukit.vmservice.proxmoxsim.schema.ParameterValidator;
import io.edukit.vmservice.proxmoxsim.timing.Timing;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /api2/json/...} in PVE's order: route, count, wait the modelled latency, apply
 * injected faults, check the token, reject a body on GET and DELETE, verify the parameters, check
 * the node, then run the endpoint.
 */
public final class ApiRouter implements RequestHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
    private static final String BASE = "/api2/json";
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    private final Map<Operation, PathTemplate> templates = new EnumMap<>(Operation.class);
    private final Map<Operation, Endpoint> endpoints;
    private final ApiSchema schema;
    private final TokenAuthenticator authenticator;
    private final FaultInjector faults;
    private final CallCounters counters;
    private final Timing timing;
    private final Predicate<String> nodeExists;
    private final ResponseBodies bodies;

    public ApiRouter(ApiVersion version, Map<Operation, Endpoint> endpoints, TokenAuthenticator authenticator,
            FaultInjector faults, CallCounters counters, Timing timing, Predicate<String> nodeExists) {
        for (Operation op : Operation.values()) {
            templates.put(op, PathTemplate.of(op.pathTemplate()));
            if (!endpoints.containsKey(op)) {
                throw new IllegalArgumentException("no endpoint for " + op);
            }
        }
        this.endpoints = Map.copyOf(endpoints);
        this.schema = ApiSchema.of(version);
        this.authenticator = authenticator;
        this.faults = faults;
        this.counters = counters;
        this.timing = timing;
        this.nodeExists = nodeExists;
        this.bodies = new ResponseBodies(version);
    }

    @Override
    public OutgoingResponse handle(IncomingRequest request) {
        String method = request.method();
        if (!KNOWN_METHODS.contains(method)) {
            return bodies.error(PveException.status(501, "method '" + method + "' not available"));
        }
        String path = RequestParameters.decodePath(request.rawPath());
        if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
            return bodies.error(PveException.status(501, "no such uri"));
        }
        String relative = path.length() == BASE.length() ? "/" : path.substring(BASE.length());
        Route route = route(method, relative);
        Operation operation = route.operation();
        counters.call(operation == null ? method + " <unknown>" : operation.endpoint());
        if (operation == Operation.TASK_STATUS) {
            counters.taskPoll();
        }
        Timing.sleep(timing.of(timing.model().request()).plus(faults.extraLatencyFor(operation)));
        Optional<HttpFailure> injected = faults.failureFor(operation);
        if (injected.isPresent()) {
            return bodies.error(PveException.status(injected.get().status(), injected.get().reason()));
        }
        String user;
        try {
            user = authenticator.authenticate(request.header("Authorization"), request.header("Cookie"));
        } catch (PveException e) {
            Timing.sleep(timing.of(timing.model().authFailure()));
            return bodies.error(e);
        }
        try {
            return bodies.success(call(request, relative, route, user));
        } catch (PveException e) {
            return bodies.error(e);
        } catch (RuntimeException e) {
            log.warn("{} {} failed", method, relative, e);
            return bodies.error(PveException.error("internal error: " + e));
        }
    }

    private ApiResult call(IncomingRequest request, String relative, Route route, String user) {
        Operation operation = route.operation();
        if (operation == null) {
            throw PveException.status(501, "Method '" + request.method() + " " + relative + "' not implemented");
        }
        if (request.body().length > 0 && !request.method().equals("POST") && !request.method().equals("PUT")) {
            throw PveException.status(501, "Unexpected content for method '" + request.method() + "'");
        }
        Map<String, String> params = new LinkedHashMap<>(RequestParameters.of(request));
        for (Map.Entry<String, String> bound : route.pathParams().entrySet()) {
            if (params.containsKey(bound.getKey())) {
                throw PveException.parameter(bound.getKey(), "duplicate parameter (already defined in URI)");
            }
            params.put(bound.getKey(), bound.getValue());
        }
        Map<String, String> errors = ParameterValidator.validate(schema.endpoint(operation), params);
        if (!errors.isEmpty()) {
            throw PveException.parameters(errors);
        }
        String node = params.get("node");
        if (node != null && !nodeExists.test(node)) {
            throw PveException.error("hostname lookup '" + node + "' failed - failed to get address info for: "
                    + node + ": Name or service not known");
        }
        return endpoints.get(operation).handle(new ApiCall(operation, params, user));
    }

    private Route route(String method, String relative) {
        for (Map.Entry<Operation, PathTemplate> e : templates.entrySet()) {
            if (e.getKey().method().equals(method)) {
                Optional<Map<String, String>> bound = e.getValue().match(relative);
                if (bound.isPresent()) {
                    return new Route(e.getKey(), bound.get());
                }
            }
        }
        return new Route(null, Map.of());
    }

    private record Route(@Nullable Operation operation, Map<String, String> pathParams) {}
}
