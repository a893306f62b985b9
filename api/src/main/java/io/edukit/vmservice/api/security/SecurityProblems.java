package io.edukit.vmservice.api.security;

import io.edukit.vmservice.api.problems.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.UriComponentsBuilder;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers a refused request as the rest of the API answers errors, with an RFC 9457 problem
 * detail rendered by Spring MVC's own exception handling, plus the RFC 6750 challenge: 401
 * {@code unauthorized} (no token, or one that is expired, forged, from another issuer, or names no
 * caller) and 403 {@code forbidden} (a valid token without the scope the call needs). Both name
 * the scope that would open the call. A token that cannot be checked because the issuer's keys
 * are out of reach is 503 {@code token-uncheckable}: the caller did nothing wrong and may retry.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);
    /** Seconds a caller waits before trying a token again while the issuer is out of reach. */
    private static final String RETRY_AFTER = "5";

    static final String REALM = "vmservice";
    private static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final HandlerExceptionResolver mvc;

    SecurityProblems(HandlerExceptionResolver mvc) {
        this.mvc = mvc;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        Optional<ApiScope> scope = AccessRules.scopeFor(request);
        if (e instanceof OAuth2AuthenticationException refused) {
            OAuth2Error error = refused.getError();
            HttpStatus status = error instanceof BearerTokenError bearer ? bearer.getHttpStatus() : HttpStatus.UNAUTHORIZED;
            String description = error.getDescription() == null ? error.getErrorCode() : error.getDescription();
            ProblemDetail problem = status == HttpStatus.UNAUTHORIZED
                    ? ProblemType.UNAUTHORIZED.detail("The bearer token was refused: " + description + ".")
                    // invalid_request (two tokens in one request, say): a malformed request, Spring's standard type
                    : ProblemDetail.forStatusAndDetail(status, "The request's bearer token is unusable: " + description + ".");
            answer(request, response, problem, challenge(request, error.getErrorCode(), description, scope.orElse(null)));
        } else {
            String needs = scope.map(s -> "a bearer token with scope " + s.value()).orElse("a bearer token");
            ProblemDetail problem = ProblemType.UNAUTHORIZED.detail(call(request) + " needs " + needs
                    + ": send the header 'Authorization: Bearer <token>'.");
            answer(request, response, problem, challenge(request, null, null, scope.orElse(null)));
        }
    }

    /**
     * The bearer-token filter answers a failed check through the entry point, except when the
     * check itself could not run ({@link AuthenticationServiceException}), which it rethrows as a 500.
     */
    ObjectPostProcessor<BearerTokenAuthenticationFilter> forTokensThatCannotBeChecked() {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationFailureHandler((request, response, e) -> {
                    if (e instanceof AuthenticationServiceException) {
                        cannotCheck(request, response, e);
                    } else {
                        commence(request, response, e);
                    }
                });
                return filter;
            }
        };
    }

    private void cannotCheck(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
        log.warn("{}: the bearer token could not be checked: {}", call(request), NestedExceptionUtils.getMostSpecificCause(e).toString());
        ErrorResponseException error = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemType.TOKEN_UNCHECKABLE.detail("The bearer token could not be checked: the token issuer's signing keys"
                        + " are out of reach. The token was not judged; retry in a few seconds."), null);
        error.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
        mvc.resolveException(request, response, null, error);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) {
        Optional<ApiScope> scope = AccessRules.scopeFor(request);
        String granted = grantedScopes(request.getUserPrincipal());
        String detail = scope
                .map(s -> call(request) + " needs scope " + s.value() + "; the token grants " + granted + ".")
                .orElse(call(request) + " is open to no scope.");
        answer(request, response, ProblemType.FORBIDDEN.detail(detail), challenge(request,
                BearerTokenErrorCodes.INSUFFICIENT_SCOPE, "The request requires higher privileges than provided by the access token.",
                scope.orElse(null)));
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem, String challenge) {
        ErrorResponseException error = new ErrorResponseException(HttpStatus.valueOf(problem.getStatus()), problem, null);
        error.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        mvc.resolveException(request, response, null, error);
    }

    /** The RFC 6750 challenge, with the scope the call needs and where the resource's metadata (RFC 9728) is. */
    private static String challenge(HttpServletRequest request, @Nullable String error, @Nullable String description,
                                    @Nullable ApiScope scope) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("realm", REALM);
        if (error != null) {
            parameters.put("error", error);
            if (description != null) {
                parameters.put("error_description", description);
            }
            parameters.put("error_uri", "https://www.rfc-editor.org/rfc/rfc6750#section-3.1");
        }
        if (scope != null) {
            parameters.put("scope", scope.value());
        }
        parameters.put("resource_metadata", UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
                .replacePath(request.getContextPath() + METADATA_PATH).replaceQuery(null).fragment(null).build().toUriString());
        return "Bearer " + parameters.entrySet().stream()
                .map(p -> p.getKey() + "=\"" + p.getValue().replace('"', '\'').replace('\\', '/') + "\"")
                .collect(Collectors.joining(", "));
    }

    private static String call(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
    }

    private static String grantedScopes(@Nullable Principal principal) {
        if (!(principal instanceof org.springframework.security.core.Authentication authentication)) {
            return "no scope";
        }
        String scopes = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("SCOPE_")).map(a -> a.substring("SCOPE_".length()))
                .collect(Collectors.joining(" "));
        return scopes.isEmpty() ? "no scope" : scopes;
    }
}
