package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.BitCipher;

/**
 * An IP address of the same family whose bits after the kept prefix are permuted by a keyed
 * cipher: one-to-one, so distinct addresses stay distinct. A {@code /n} suffix is kept; on a
 * {@code cidr} column only the network bits are permuted, so host bits stay zero.
 */
public final class IpTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("ip",
                    "An IPv4 or IPv6 address of the same family, with the first bits kept and the rest permuted by "
                            + "a keyed cipher, so distinct addresses stay distinct. A /n suffix (inet, cidr) is kept; "
                            + "on a cidr column only the network bits change. IPv6 is written in its canonical "
                            + "short form (RFC 5952), an embedded IPv4 tail in dotted form.")
            .parameter(ParameterDescriptor.optional("keep_prefix", ParamType.INTEGER, "0",
                    "IPv4 bits to keep from the left, 0 to 32: 8 keeps the first octet, 24 the /24 network."))
            .parameter(ParameterDescriptor.optional("keep_prefix_v6", ParamType.INTEGER, "0",
                    "IPv6 bits to keep from the left, 0 to 128: 48 keeps the site prefix, 64 the subnet."))
            .columnKinds(ColumnKind.TEXT, ColumnKind.OTHER)
            .deterministic()
            .uniqueSafe()
            .example("192.168.10.25")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        int keep4 = context.params().integer("keep_prefix");
        int keep6 = context.params().integer("keep_prefix_v6");
        if (keep4 < 0 || keep4 > 32 || keep6 < 0 || keep6 > 128) {
            throw new BindException("keep_prefix must be 0 to 32 and keep_prefix_v6 0 to 128");
        }
        boolean network = context.column().nativeType() != null && context.column().nativeType().startsWith("cidr");
        BitCipher cipher = new BitCipher(context.keyedHash().prf());
        Address address = new Address();
        return (value, row) -> {
            int slash = value.indexOf('/');
            String host = slash < 0 ? value : value.substring(0, slash);
            String suffix = slash < 0 ? "" : value.substring(slash);
            address.parse(host);
            int width = address.v6 ? 128 : 32;
            int end = width;
            if (network && slash >= 0) {
                end = Math.min(width, Integer.parseInt(suffix.substring(1).trim()));
            }
            int keep = Math.min(address.v6 ? keep6 : keep4, end);
            address.permute(cipher, keep, end, width);
            return address.format() + suffix;
        };
    }

    /** A 128-bit address as two longs, parsed and formatted without regular expressions. */
    static final class Address {
        long hi;
        long lo;
        boolean v6;
        boolean dottedTail;

        void parse(String text) {
            v6 = text.indexOf(':') >= 0;
            dottedTail = false;
            hi = 0;
            lo = 0;
            if (!v6) {
                lo = parseV4(text, 0, text.length());
                return;
            }
            int[] groups = new int[8];
            int gap = text.indexOf("::");
            if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
                throw new IllegalArgumentException("not an IPv6 address");
            }
            int headCount = gap < 0 ? readGroups(text, 0, text.length(), groups, 0, 8)
                    : readGroups(text, 0, gap, groups, 0, 8);
            if (gap >= 0) {
                int[] tail = new int[8];
                int tailCount = readGroups(text, gap + 2, text.length(), tail, 0, 8 - headCount);
                if (headCount + tailCount > 7) {
                    throw new IllegalArgumentException("not an IPv6 address");
                }
                System.arraycopy(tail, 0, groups, 8 - tailCount, tailCount);
            } else if (headCount != 8) {
                throw new IllegalArgumentException("not an IPv6 address");
            }
            for (int i = 0; i < 4; i++) {
                hi = (hi << 16) | groups[i];
                lo = (lo << 16) | groups[i + 4];
            }
        }

        private int readGroups(String text, int from, int to, int[] groups, int at, int max) {
            if (from >= to) {
                return 0;
            }
            int count = 0;
            int start = from;
            for (int i = from; i <= to; i++) {
                if (i == to || text.charAt(i) == ':') {
                    if (count >= max) {
                        throw new IllegalArgumentException("not an IPv6 address");
                    }
                    if (i == to && text.indexOf('.', start) >= 0 && text.indexOf('.', start) < to) {
                        long v4 = parseV4(text, start, to);
                        if (count + 2 > max) {
                            throw new IllegalArgumentException("not an IPv6 address");
                        }
                        groups[at + count++] = (int) (v4 >>> 16);
                        groups[at + count++] = (int) (v4 & 0xFFFF);
                        dottedTail = true;
                        return count;
                    }
                    groups[at + count++] = parseHex(text, start, i);
                    start = i + 1;
                }
            }
            return count;
        }

        private static int parseHex(String text, int from, int to) {
            if (to - from < 1 || to - from > 4) {
                throw new IllegalArgumentException("not an IPv6 address");
            }
            int v = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    throw new IllegalArgumentException("not an IPv6 address");
                }
                v = (v << 4) | d;
            }
            return v;
        }

        private static long parseV4(String text, int from, int to) {
            long value = 0;
            int octets = 0;
            int octet = -1;
            for (int i = from; i <= to; i++) {
                char c = i == to ? '.' : text.charAt(i);
                if (c == '.') {
                    if (octet < 0 || octet > 255 || ++octets > 4) {
                        throw new IllegalArgumentException("not an IPv4 address");
                    }
                    value = (value << 8) | octet;
                    octet = -1;
                } else if (c >= '0' && c <= '9') {
                    octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
                    if (octet > 999) {
                        throw new IllegalArgumentException("not an IPv4 address");
                    }
                } else {
                    throw new IllegalArgumentException("not an IPv4 address");
                }
            }
            if (octets != 4) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
            return value;
        }

        /** Permutes bits {@code [keep, end)} counted from the left of a {@code width}-bit address. */
        void permute(BitCipher cipher, int keep, int end, int width) {
            int free = end - keep;
            if (free <= 0) {
                return;
            }
            int shift = width - end;
            long freeHi = and(shrHi(hi, lo, shift), maskHi(free));
            long freeLo = shrLo(hi, lo, shift) & maskLo(free);
            int lowBits = free - free / 2;
            int highBits = free / 2;
            long lowHalf = freeLo & maskLo(lowBits);
            long highHalf = shrLo(freeHi, freeLo, lowBits);
            long keptBits = keep == 0 ? 0 : shrLo(hi, lo, width - keep) ^ (shrHi(hi, lo, width - keep) * 31);
            cipher.encrypt(highHalf, highBits, lowHalf, lowBits, cipher.tweak(((long) width << 8) | keep, keptBits));
            long newHi = shlHi(0, cipher.high(), lowBits);
            long newLo = shlLo(0, cipher.high(), lowBits) | cipher.low();
            long clearHi = shlHi(maskHi(free), maskLo(free), shift);
            long clearLo = shlLo(maskHi(free), maskLo(free), shift);
            hi = (hi & ~clearHi) | shlHi(newHi, newLo, shift);
            lo = (lo & ~clearLo) | shlLo(newHi, newLo, shift);
        }

        String format() {
            if (!v6) {
                return (lo >>> 24 & 0xFF) + "." + (lo >>> 16 & 0xFF) + "." + (lo >>> 8 & 0xFF) + "." + (lo & 0xFF);
            }
            int[] g = new int[8];
            for (int i = 0; i < 4; i++) {
                g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
                g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
            }
            int groups = dottedTail ? 6 : 8;
            int bestStart = -1;
            int bestLength = 1;
            for (int i = 0; i < groups; ) {
                if (g[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < groups && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            }
            StringBuilder out = new StringBuilder(41);
            for (int i = 0; i < groups; i++) {
                if (i == bestStart) {
                    out.append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(g[i]));
            }
            if (dottedTail) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(g[6] >>> 8).append('.').append(g[6] & 0xFF).append('.')
                        .append(g[7] >>> 8).append('.').append(g[7] & 0xFF);
            }
            return out.toString();
        }

        private static long and(long a, long b) {
            return a & b;
        }

        static long maskLo(int bits) {
            return bits >= 64 ? -1L : (1L << bits) - 1;
        }

        static long maskHi(int bits) {
            return bits <= 64 ? 0 : maskLo(bits - 64);
        }

        static long shrHi(long hi, long lo, int s) {
            return s == 0 ? hi : s < 64 ? hi >>> s : 0;
        }

        static long shrLo(long hi, long lo, int s) {
            if (s == 0) {
                return lo;
            }
            if (s < 64) {
                return (lo >>> s) | (hi << (64 - s));
            }
            return s >= 128 ? 0 : hi >>> (s - 64);
        }

        static long shlHi(long hi, long lo, int s) {
            if (s == 0) {
                return hi;
            }
            if (s < 64) {
                return (hi << s) | (lo >>> (64 - s));
            }
            return s >= 128 ? 0 : lo << (s - 64);
        }

        static long shlLo(long hi, long lo, int s) {
            return s == 0 ? lo : s < 64 ? lo << s : 0;
        }
    }
}
