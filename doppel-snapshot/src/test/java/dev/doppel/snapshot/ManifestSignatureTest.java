package dev.doppel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ManifestSignatureTest {
    private static final byte[] MANIFEST = "{\"format\":\"doppel-snapshot\"}".getBytes(StandardCharsets.UTF_8);

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    @Test
    void ed25519SignsWithThePrivateKeyAndChecksWithThePublicOne() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var signer = ManifestSignature.signer("ed25519", pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "k");
        byte[] signature = signer.sign(MANIFEST);
        var verifier = ManifestSignature.verifier("Ed25519", pem("PUBLIC KEY", pair.getPublic().getEncoded()), "k");
        assertThat(verifier.verify(MANIFEST, signature)).isTrue();
        byte[] changed = MANIFEST.clone();
        changed[3] ^= 1;
        assertThat(verifier.verify(changed, signature)).isFalse();
        assertThat(ManifestSignature.verifier("ed25519", pem("PUBLIC KEY", other.getPublic().getEncoded()), "k")
                .verify(MANIFEST, signature)).isFalse();
    }

    @Test
    void hmacNeedsTheSameSecret() {
        byte[] signature = ManifestSignature.signer("hmac-sha256", "a secret of enough length", "k").sign(MANIFEST);
        assertThat(ManifestSignature.verifier("hmac-sha256", "a secret of enough length", "k").verify(MANIFEST, signature)).isTrue();
        assertThat(ManifestSignature.verifier("hmac-sha256", "another secret, same length", "k").verify(MANIFEST, signature))
                .isFalse();
    }

    @Test
    void badKeysAndAlgorithmsAreNamed() {
        assertThatThrownBy(() -> ManifestSignature.signer("rsa", "x", "snapshot.signing")).hasMessageContaining("ed25519 or hmac-sha256");
        assertThatThrownBy(() -> ManifestSignature.signer("hmac-sha256", "short", "snapshot.signing.key"))
                .hasMessageContaining("at least 16 characters").hasMessageNotContaining("short\"");
        assertThatThrownBy(() -> ManifestSignature.verifier("ed25519", "not a pem", "snapshot.verify.key"))
                .hasMessageContaining("-----BEGIN PUBLIC KEY-----");
    }
}
