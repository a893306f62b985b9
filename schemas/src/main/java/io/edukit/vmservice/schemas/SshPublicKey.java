package io.edukit.vmservice.schemas;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An OpenSSH public key line ({@code type base64 [comment]}) that was parsed, not just matched:
 * the key blob must decode and name the same type, RSA keys must have at least
 * {@value #MIN_RSA_BITS} bits, and options ({@code command="..."}) or line breaks are refused.
 */
public record SshPublicKey(String type, String base64, String comment) {

    public static final int MIN_RSA_BITS = 3072;
    public static final int MAX_LINE_LENGTH = 8192;

    private static final Set<String> ALLOWED_TYPES = Set.of(
            "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa");
    private static final Pattern COMMENT = Pattern.compile("[\\x20-\\x7e]{0,256}");

    /** Parses one key line, or throws with a reason fit to show the caller. */
    public static SshPublicKey parse(String line) {
        if (line.length() > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("SSH public key is longer than " + MAX_LINE_LENGTH + " characters");
        }
        if (line.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("SSH public key must be a single line");
        }
        String[] parts = line.strip().split(" ", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("SSH public key must read '<type> <base64> [comment]'");
        }
        String type = parts[0];
        if (!ALLOWED_TYPES.contains(type)) {
            throw new IllegalArgumentException("SSH public key type '" + abbreviate(type)
                    + "' is not allowed (options are not allowed either); use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of "
                    + MIN_RSA_BITS + " bits or more");
        }
        String comment = parts.length == 3 ? parts[2] : "";
        if (!COMMENT.matcher(comment).matches()) {
            throw new IllegalArgumentException("SSH public key comment must be printable ASCII of at most 256 characters");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SSH public key data is not valid base64");
        }
        checkBlob(type, ByteBuffer.wrap(blob));
        return new SshPublicKey(type, parts[1], comment);
    }

    /** The key as one OpenSSH line. */
    public String line() {
        return comment.isEmpty() ? type + " " + base64 : type + " " + base64 + " " + comment;
    }

    private static void checkBlob(String type, ByteBuffer blob) {
        try {
            String blobType = new String(readString(blob), StandardCharsets.US_ASCII);
            if (!blobType.equals(type)) {
                throw new IllegalArgumentException("SSH public key data is a '" + abbreviate(blobType) + "' key, not '" + type + "'");
            }
            switch (type) {
                case "ssh-ed25519" -> expect(readString(blob).length == 32, "an ed25519 key has 32 bytes");
                case "ssh-rsa" -> {
                    readString(blob); // public exponent
                    int bits = new BigInteger(1, readString(blob)).bitLength();
                    expect(bits >= MIN_RSA_BITS, "RSA keys need at least " + MIN_RSA_BITS + " bits, this one has " + bits);
                }
                default -> {
                    String curve = new String(readString(blob), StandardCharsets.US_ASCII);
                    expect(type.endsWith(curve), "the ECDSA curve does not match the key type");
                    expect(readString(blob).length > 0, "the ECDSA point is empty");
                }
            }
            expect(!blob.hasRemaining(), "trailing bytes after the key");
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("SSH public key data is truncated");
        }
    }

    private static byte[] readString(ByteBuffer blob) {
        int length = blob.getInt();
        if (length < 0 || length > blob.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        byte[] value = new byte[length];
        blob.get(value);
        return value;
    }

    private static void expect(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("SSH public key is not valid: " + problem);
        }
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
