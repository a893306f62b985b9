package io.edukit.vmservice.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Optional;

/**
 * Which scope opens which endpoint, in one table: the filter chain enforces it, a refusal names
 * the scope from it, and the OpenAPI document shows it. Anything under {@code /api/} it does not
 * list is refused to every token, so a new endpoint is closed until it is given a scope here.
 */
final class AccessRules {

    /** Paths anyone may read: health for orchestrators, the API's own description. */
    static final String[] OPEN = {
            "/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
    };

    /** Everything under it needs a rule below; what has none is refused. */
    static final String API = "/api/**";

    static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, "/api/v1/vms", ApiScope.REQUEST),
            new Rule(HttpMethod.DELETE, "/api/v1/vms/*", ApiScope.REQUEST),
            new Rule(HttpMethod.GET, "/api/v1/vms", ApiScope.READ),
            new Rule(HttpMethod.GET, "/api/v1/vms/*", ApiScope.READ),
            new Rule(HttpMethod.GET, "/api/v1/os-images", ApiScope.READ),
            new Rule(HttpMethod.GET, "/api/v1/os-images/*", ApiScope.READ),
            new Rule(null, "/api/v1/admin/**", ApiScope.ADMIN),
            new Rule(HttpMethod.GET, "/actuator/prometheus", ApiScope.METRICS));

    private AccessRules() {
    }

    /** The scope that opens this request, if any does. */
    static Optional<ApiScope> scopeFor(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matcher().matches(request)).map(Rule::scope).findFirst();
    }

    /** The scope that opens an operation of the OpenAPI document, named by its path template ({@code /api/v1/vms/{id}}). */
    static Optional<ApiScope> scopeFor(HttpMethod method, String pathTemplate) {
        PathContainer path = PathContainer.parsePath(pathTemplate.replaceAll("\\{[^}/]+}", "x"));
        return RULES.stream().filter(rule -> rule.allows(method) && rule.pattern().matches(path)).map(Rule::scope).findFirst();
    }

    /**
     * One row of the table; a GET rule also covers HEAD.
     *
     * @param method null for every method
     */
    record Rule(@Nullable HttpMethod method, String path, ApiScope scope) {

        RequestMatcher matcher() {
            PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
            if (HttpMethod.GET.equals(method)) {
                return new OrRequestMatcher(paths.matcher(HttpMethod.GET, path), paths.matcher(HttpMethod.HEAD, path));
            }
            return paths.matcher(method, path);
        }

        boolean allows(HttpMethod requested) {
            return method == null || method.equals(requested);
        }

        PathPattern pattern() {
            return PathPatternParser.defaultInstance.parse(path);
        }
    }
}
