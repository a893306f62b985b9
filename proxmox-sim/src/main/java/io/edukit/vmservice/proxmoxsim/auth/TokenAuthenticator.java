package io.edukit.vmservice.proxmoxsim.auth;

import io.edukit.vmservice.proxmoxsim.api.PveException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Verifies {@code Authorization: PVEAPIToken=<user@realm!name>=<secret>} like pve-http-server and
 * {@code PVE::AccessControl::verify_token}. Failures are 401s whose reason phrase is PVE's message:
 * {@code No ticket} when nothing was sent, {@code invalid token value!} for a wrong secret, and so on.
 */
public final class TokenAuthenticator {

    private static final Pattern TOKEN_VALUE = Pattern.compile("(?:^|\\s)PVEAPIToken(?:=|\\s)(\\S+)$");
    private static final Pattern TICKET_VALUE = Pattern.compile("(?:^|\\s|;)PVEAuthCookie(?:=|\\s)(\\S+)");
    private static final Pattern TOKEN_ID = Pattern.compile("(([^\\s:/]+)@([A-Za-z][A-Za-z0-9.\\-_]+))!([A-Za-z][A-Za-z0-9.\\-_]+)");

    private final String user;
    private final String tokenName;
    private final byte[] secret;

    public TokenAuthenticator(String tokenId, String secret) {
        Matcher m = TOKEN_ID.matcher(tokenId);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a token id: " + tokenId);
        }
        this.user = m.group(1);
        this.tokenName = m.group(4);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the token id that authenticated, or throws a 401 {@link PveException}. */
    public String authenticate(@Nullable String authorization, @Nullable String cookie) {
        if (cookie != null && TICKET_VALUE.matcher(cookie).find()
                || authorization != null && TICKET_VALUE.matcher(authorization).find()) {
            throw unauthorized("permission denied - invalid PVE ticket");
        }
        Matcher header = authorization == null ? null : TOKEN_VALUE.matcher(authorization);
        if (header == null || !header.find()) {
            throw unauthorized("No ticket");
        }
        String value = header.group(1);
        int lastEquals = value.lastIndexOf('=');
        if (lastEquals < 0) {
            throw unauthorized("no tokenid specified");
        }
        String tokenId = value.substring(0, lastEquals);
        String presented = value.substring(lastEquals + 1);
        Matcher id = TOKEN_ID.matcher(tokenId);
        if (!id.matches()) {
            throw unauthorized("'" + tokenId + "' is not a valid token ID - not able to split into user and token parts");
        }
        if (!id.group(1).equals(user)) {
            throw unauthorized("no such user ('" + id.group(1) + "')");
        }
        if (!id.group(4).equals(tokenName)) {
            throw unauthorized("no such token '" + id.group(4) + "' for user '" + user + "'");
        }
        if (!MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            throw unauthorized("invalid token value!");
        }
        return tokenId;
    }

    private static PveException unauthorized(String message) {
        return PveException.status(401, message);
    }
}
