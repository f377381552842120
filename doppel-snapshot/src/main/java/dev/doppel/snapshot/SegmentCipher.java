package dev.doppel.snapshot;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over a stream in segments, so that memory stays bounded whatever the file's size.
 *
 * <p>A file is {@code "DPE1" salt(16)} followed by segments of at most 1 MiB of plaintext, each
 * sealed with its own 16-byte tag. The file key is derived from the snapshot key and the salt;
 * the nonce of a segment is its index and a flag marking the last one, and every segment
 * authenticates the header and the file's path in the snapshot. So a segment cannot be
 * reordered, dropped, moved to another file, or the file cut at a segment boundary, without a
 * tag failing (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár).
 */
final class SegmentCipher {
    static final int SEGMENT = 1 << 20;
    private static final int TAG = 16;
    private static final byte[] MAGIC = "DPE1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SegmentCipher() {}

    /** Thrown when the data is not what the key sealed: tampered, truncated, or another key. */
    static final class TamperedException extends IOException {
        TamperedException(String message) {
            super(message);
        }
    }

    static OutputStream encrypt(OutputStream out, EncryptionKey key, String path) throws IOException {
        byte[] header = new byte[HEADER];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        System.arraycopy(salt, 0, header, MAGIC.length, salt.length);
        out.write(header);
        return new Encrypting(out, new SecretKeySpec(key.fileKey(salt), "AES"), aad(header, path));
    }

    static InputStream decrypt(InputStream in, EncryptionKey key, String path) throws IOException {
        byte[] header = in.readNBytes(HEADER);
        if (header.length < HEADER || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new TamperedException("it is not an encrypted doppel data file");
        }
        byte[] salt = Arrays.copyOfRange(header, MAGIC.length, HEADER);
        return new Decrypting(in, new SecretKeySpec(key.fileKey(salt), "AES"), aad(header, path));
    }

    private static byte[] aad(byte[] header, String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + name.length).put(header).put(name).array();
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] aad, int index, boolean last) {
        try {
            byte[] nonce = ByteBuffer.allocate(12).putInt(index).put((byte) (last ? 1 : 0)).array();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static final class Encrypting extends FilterOutputStream {
        private final SecretKeySpec key;
        private final byte[] aad;
        private final byte[] plain = new byte[SEGMENT];
        private int filled;
        private int index;
        private boolean closed;

        Encrypting(OutputStream out, SecretKeySpec key, byte[] aad) {
            super(out);
            this.key = key;
            this.aad = aad;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == SEGMENT) {
                    seal(false);
                }
                int n = Math.min(length, SEGMENT - filled);
                System.arraycopy(buffer, offset, plain, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                out.write(cipher(Cipher.ENCRYPT_MODE, key, aad, index++, last).doFinal(plain, 0, filled));
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed", e);
            }
            filled = 0;
        }

        @Override
        public void flush() {
            // segments are written whole; flushing early would end one
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                seal(true);
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {
        private final InputStream in;
        private final SecretKeySpec key;
        private final byte[] aad;
        private final byte[] sealed = new byte[SEGMENT + TAG + 1];
        private int carried;
        private byte[] plain = new byte[0];
        private int position;
        private int index;
        private boolean done;

        Decrypting(InputStream in, SecretKeySpec key, byte[] aad) {
            this.in = in;
            this.key = key;
            this.aad = aad;
        }

        /** Reads the next segment and one byte beyond it, to know whether it is the last. */
        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            int length = carried + in.readNBytes(sealed, carried, sealed.length - carried);
            boolean last = length < sealed.length;
            int segment = last ? length : length - 1;
            if (segment < TAG) {
                throw new TamperedException("it ends early");
            }
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, aad, index++, last).doFinal(sealed, 0, segment);
            } catch (AEADBadTagException e) {
                throw new TamperedException("segment " + (index - 1) + " does not match its tag");
            } catch (GeneralSecurityException e) {
                throw new IOException("decryption failed", e);
            }
            position = 0;
            if (last) {
                done = true;
            } else {
                sealed[0] = sealed[segment];
                carried = 1;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == plain.length) {
                if (!next()) {
                    return -1;
                }
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
