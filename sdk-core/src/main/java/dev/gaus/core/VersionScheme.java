package dev.gaus.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the versions of one update type are ordered.
 *
 * <ul>
 *   <li>{@link #SEMVER}: Semantic Versioning 2.0 precedence ({@code 1.0.0-alpha < 1.0.0 < 1.0.1};
 *       build metadata after {@code +} is ignored). {@code 1} and {@code 1.2} are read as
 *       {@code 1.0.0} and {@code 1.2.0}, as devices often report them.</li>
 *   <li>{@link #NUMBER}: decimal numbers ({@code 9 < 10 < 10.5}).</li>
 *   <li>{@link #STRING}: plain string order by UTF-16 code units.</li>
 *   <li>{@link #ALPHANUM}: natural order, runs of digits compared as numbers
 *       ({@code build-9 < build-10}).</li>
 * </ul>
 */
public enum VersionScheme implements Comparator<String> {
    SEMVER {
        @Override
        public int compare(String a, String b) {
            return Semver.parse(a).compareTo(Semver.parse(b));
        }

        @Override
        public boolean isValid(String version) {
            return version != null && Semver.PATTERN.matcher(version).matches();
        }
    },
    NUMBER {
        @Override
        public int compare(String a, String b) {
            return number(a).compareTo(number(b));
        }

        @Override
        public boolean isValid(String version) {
            try {
                number(version);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private BigDecimal number(String version) {
            if (version == null || version.length() > 64 || !version.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
                throw new IllegalArgumentException("not a decimal number version");
            }
            return new BigDecimal(version);
        }
    },
    STRING {
        @Override
        public int compare(String a, String b) {
            return a.compareTo(b);
        }

        @Override
        public boolean isValid(String version) {
            return version != null && !version.isEmpty();
        }
    },
    ALPHANUM {
        @Override
        public int compare(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                char ca = a.charAt(i);
                char cb = b.charAt(j);
                if (isDigit(ca) && isDigit(cb)) {
                    int ei = digitsEnd(a, i);
                    int ej = digitsEnd(b, j);
                    int c = new BigInteger(a.substring(i, ei)).compareTo(new BigInteger(b.substring(j, ej)));
                    if (c != 0) {
                        return c;
                    }
                    i = ei;
                    j = ej;
                } else {
                    if (ca != cb) {
                        return Character.compare(ca, cb);
                    }
                    i++;
                    j++;
                }
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }

        @Override
        public boolean isValid(String version) {
            return version != null && !version.isEmpty();
        }
    };

    /** True when {@code version} can be ordered by this scheme. */
    public abstract boolean isValid(String version);

    /** The scheme of the given name, case-insensitive ({@code semver}, {@code number}, ...). */
    public static VersionScheme of(String name) {
        for (VersionScheme scheme : values()) {
            if (scheme.name().equalsIgnoreCase(name)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown version type '" + name
                + "': expected semver, number, string or alphanum");
    }

    /** True when {@code candidate} is newer than {@code current}. */
    public boolean isNewer(String candidate, String current) {
        return compare(candidate, current) > 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A parsed Semantic Version; precedence per semver.org section 11. */
    private static final class Semver implements Comparable<Semver> {
        static final Pattern PATTERN = Pattern.compile(
                "(0|[1-9][0-9]{0,17})(?:\\.(0|[1-9][0-9]{0,17}))?(?:\\.(0|[1-9][0-9]{0,17}))?"
                        + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

        final long major;
        final long minor;
        final long patch;
        final String[] pre;

        private Semver(long major, long minor, long patch, String[] pre) {
            this.major = major;
            this.minor = minor;
            this.patch = patch;
            this.pre = pre;
        }

        static Semver parse(String version) {
            Matcher m = version == null ? null : PATTERN.matcher(version);
            if (m == null || !m.matches()) {
                throw new IllegalArgumentException("not a semantic version");
            }
            return new Semver(Long.parseLong(m.group(1)),
                    m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
                    m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
                    m.group(4) == null ? new String[0] : m.group(4).split("\\."));
        }

        @Override
        public int compareTo(Semver o) {
            int c = Long.compare(major, o.major);
            if (c == 0) {
                c = Long.compare(minor, o.minor);
            }
            if (c == 0) {
                c = Long.compare(patch, o.patch);
            }
            if (c != 0) {
                return c;
            }
            if (pre.length == 0 || o.pre.length == 0) {
                return Integer.compare(o.pre.length == 0 ? 0 : 1, pre.length == 0 ? 0 : 1);
            }
            for (int i = 0; i < Math.min(pre.length, o.pre.length); i++) {
                c = comparePre(pre[i], o.pre[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(pre.length, o.pre.length);
        }

        private static int comparePre(String a, String b) {
            boolean na = a.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            boolean nb = b.chars().allMatch(ch -> ch >= '0' && ch <= '9');
            if (na && nb) {
                return new BigInteger(a).compareTo(new BigInteger(b));
            }
            if (na != nb) {
                return na ? -1 : 1;
            }
            return a.compareTo(b);
        }
    }
}
