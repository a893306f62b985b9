package io.edukit.vmservice.api.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Declares the bearer scheme in the OpenAPI document and, on every operation, the scope that
 * opens it (from {@link AccessRules}), so that Swagger UI's "Authorize" takes a token and
 * clients can read which scope each call needs.
 */
@Component
class OpenApiSecurity implements OpenApiCustomizer {

    static final String SCHEME = "bearer-jwt";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT from EduKit's token issuer. Scopes: vm:request (ask for and delete VMs), "
                        + "vm:read (read VMs and the catalog), vm:admin (/api/v1/admin/**). Missing or invalid: 401; "
                        + "without the scope: 403; both as problem details."));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            List<String> scopes = AccessRules.scopeFor(HttpMethod.valueOf(method.name()), path)
                    .map(scope -> List.of(scope.value())).orElse(List.of());
            operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME, scopes)));
        }));
    }
}
