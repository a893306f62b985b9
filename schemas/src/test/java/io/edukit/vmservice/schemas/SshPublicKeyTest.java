package io.edukit.vmservice.schemas;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshPublicKeyTest {

    @Test
    void anEd25519KeyIsAccepted() {
        SshPublicKey key = SshPublicKey.parse(MessageContractTest.STUDENT_KEY);

        assertThat(key.type()).isEqualTo("ssh-ed25519");
        assertThat(key.comment()).isEqualTo("student@edukit");
        assertThat(key.line()).isEqualTo(MessageContractTest.STUDENT_KEY);
    }

    @Test
    void anRsaKeyOf3072BitsIsAcceptedAndOneOf2048IsNot() throws Exception {
        assertThat(SshPublicKey.parse(rsaKey(3072)).type()).isEqualTo("ssh-rsa");

        assertThatThrownBy(() -> SshPublicKey.parse(rsaKey(2048)))
                .hasMessageContaining("at least 3072 bits, this one has 2048");
    }

    @Test
    void optionsBeforeTheKeyAreRefused() {
        assertThatThrownBy(() -> SshPublicKey.parse("command=\"/bin/sh\" " + MessageContractTest.STUDENT_KEY))
                .hasMessageContaining("is not allowed");
    }

    @Test
    void aKeyWithALineBreakIsRefused() {
        assertThatThrownBy(() -> SshPublicKey.parse(MessageContractTest.STUDENT_KEY + "\nruncmd: [reboot]"))
                .hasMessageContaining("single line");
    }

    @Test
    void aBlobOfAnotherTypeIsRefused() {
        String blob = MessageContractTest.STUDENT_KEY.split(" ")[1];

        assertThatThrownBy(() -> SshPublicKey.parse("ssh-rsa " + blob))
                .hasMessageContaining("is a 'ssh-ed25519' key, not 'ssh-rsa'");
    }

    @Test
    void aTruncatedOrGarbledBlobIsRefused() {
        byte[] blob = Base64.getDecoder().decode(MessageContractTest.STUDENT_KEY.split(" ")[1]);
        String truncated = Base64.getEncoder().encodeToString(Arrays.copyOf(blob, blob.length - 5));

        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 " + truncated)).hasMessageContaining("truncated");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 not*base64")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519")).hasMessageContaining("<type> <base64>");
    }

    private static String rsaKey(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeString(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        writeString(out, key.getPublicExponent().toByteArray());
        writeString(out, key.getModulus().toByteArray());
        return "ssh-rsa " + Base64.getEncoder().encodeToString(bytes.toByteArray()) + " test";
    }

    private static void writeString(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

}
