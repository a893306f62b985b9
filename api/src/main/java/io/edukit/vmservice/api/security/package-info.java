/**
 * Who may call what: the API is an OAuth2 resource server. Callers send a JWT from the configured
 * issuer; its scopes open the endpoints ({@link io.edukit.vmservice.api.security.AccessRules}),
 * and its caller claim names the caller that idempotency keys belong to.
 */
@NullMarked
package io.edukit.vmservice.api.security;

import org.jspecify.annotations.NullMarked;
