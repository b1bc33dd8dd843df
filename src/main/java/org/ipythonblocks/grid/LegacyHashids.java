package org.ipythonblocks.grid;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The <em>pre-1.0</em> Hashids algorithm, as implemented by Python {@code hashids} 0.8.4
 * ({@code davidaurelio/hashids-python}, tag {@code v0.8.4}, file {@code hashids.py}, whose
 * {@code encrypt}/{@code decrypt} are {@link #encode} / {@link #decode} here). The original
 * ipythonblocks.org pinned exactly that version, so the grid URLs it issued ({@code /bizkiL},
 * {@code /secret/MiXoi4}, ...) can only be resolved again with this algorithm.
 *
 * <p>No Java library fits: {@code org.hashids:hashids} (hashids-java) implements the Hashids
 * 1.0 algorithm (different default alphabet, {@code consistentShuffle}, guard/separator ratios),
 * which produces different strings for the same salt and id (salt {@code public}, id 1: legacy
 * {@code bizkiL}, 1.x {@code XwqEw6}). Hence this small port, always using the library's default
 * alphabet {@value #DEFAULT_ALPHABET}.
 *
 * <p>Behaviour follows the Python code, including its quirks:
 * <ul>
 *   <li>{@link #encode} returns {@code ""} for no values or a negative value;</li>
 *   <li>{@link #decode} is lenient and never re-encodes: non-canonical strings such as
 *       {@code bizkiLx} decode too. Unlike Python (unbounded integers) it returns an empty array
 *       when a decoded value does not fit in a {@code long}, and it never throws;</li>
 *   <li>{@link #decodeId} adds the canonical check the site should use: the first decoded value
 *       must re-encode to exactly the given string.</li>
 * </ul>
 *
 * <p>Strings are processed as Unicode code points (like Python 3 {@code str}), so e.g. a
 * non-BMP character as the "lottery" character behaves as in Python.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LegacyHashids {

    /** The default alphabet of Python hashids 0.8.x (44 characters). */
    static final String DEFAULT_ALPHABET = "xcS4F6h89aUbideAI7tkynuopqrXCgTE5GBKHLMjfRsz";

    /** Characters at index {@code p - 1} of the alphabet become separators. */
    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43};

    /** Indices removed, one after the other, from the separator list to become guards. */
    private static final int[] GUARD_INDICES = {0, 4, 8, 12};

    /** {@code ord(lottery) & 12345} prefixes the salt when shuffling the alphabet per value. */
    private static final int LOTTERY_MASK = 12345;

    private static final long[] NO_VALUES = {};

    private final String salt;
    private final int minLength;
    /** The alphabet minus separators and guards, reordered with the salt. */
    private final int[] alphabet;
    private final int[] separators;
    private final int[] guards;
    /** No canonical hash of a {@code long} is longer than this (used to reject junk early). */
    private final int maxCanonicalLength;

    /**
     * @param salt      the salt (not null; may be empty)
     * @param minLength the minimum hash length; negative values count as 0, as in Python
     */
    public LegacyHashids(String salt, int minLength) {
        this.salt = Objects.requireNonNull(salt, "salt");
        this.minLength = Math.max(minLength, 0);

        // 1. de-duplicate, keeping first occurrences (a no-op for the default alphabet)
        int[] chars = DEFAULT_ALPHABET.codePoints().distinct().toArray();

        // 2. the characters at the prime-minus-one positions become separators, leaving holes
        boolean[] hole = new boolean[chars.length];
        List<Integer> separatorList = new ArrayList<>();
        for (int prime : PRIMES) {
            if (prime - 1 < chars.length) {
                separatorList.add(chars[prime - 1]);
                hole[prime - 1] = true;
            }
        }

        // 3. guards are removed from the separator list sequentially (indices shift after each removal)
        List<Integer> guardList = new ArrayList<>();
        for (int index : GUARD_INDICES) {
            if (index < separatorList.size()) {
                guardList.add(separatorList.remove(index)); // remove(int): by position
            }
        }
        this.separators = separatorList.stream().mapToInt(Integer::intValue).toArray();
        this.guards = guardList.stream().mapToInt(Integer::intValue).toArray();

        // 4. the working alphabet: everything except the holes, reordered with the salt
        int[] rest = new int[chars.length - separatorList.size() - guardList.size()];
        for (int i = 0, r = 0; i < chars.length; i++) {
            if (!hole[i]) {
                rest[r++] = chars[i];
            }
        }
        this.alphabet = reorder(rest, salt);

        // the final length is max(minLength, 1 + number of digits), hence monotonic in the value
        this.maxCanonicalLength = encode(Long.MAX_VALUE).length();
    }

    // ------------------------------------------------------------------------------------------
    // Public API
    // ------------------------------------------------------------------------------------------

    /**
     * Encodes the values (Python {@code encrypt(*values)}).
     *
     * @return the hash, or {@code ""} if there are no values or any value is negative
     */
    public String encode(long... values) {
        if (values == null || values.length == 0) {
            return "";
        }
        for (long value : values) {
            if (value < 0) {
                return "";
            }
        }
        Encoded encoded = encode(values, alphabet, salt);
        return ensureMinLength(encoded.hash(), values, encoded.alphabet());
    }

    /**
     * Lenient decode (Python {@code decrypt(hashid)}): the result is not re-encoded and checked,
     * so several strings decode to the same values. Returns an empty array where Python returns
     * an empty tuple, and also when a value would not fit in a {@code long}. Never throws.
     */
    public long[] decode(String hash) {
        if (hash == null || hash.isEmpty()) {
            return NO_VALUES;
        }
        int[] chars = hash.codePoints().toArray();
        int[] core = stripGuards(chars);
        return decodeCore(chars, core[0], core[1]);
    }

    /**
     * Resolves a grid id the strict way: the first decoded value must be in {@code 1..maxId}
     * and encode back to exactly {@code hash}; every URL the original site issued passes this.
     * Never throws.
     */
    public OptionalLong decodeId(String hash, long maxId) {
        if (hash == null || hash.isEmpty() || hash.length() > maxCanonicalLength) {
            return OptionalLong.empty();
        }
        long[] values = decode(hash);
        if (values.length == 0) {
            return OptionalLong.empty();
        }
        long id = values[0];
        if (id < 1 || id > maxId || !encode(id).equals(hash)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(id);
    }

    // Package-private views of the derived tables, for tests.

    String workingAlphabet() {
        return toString(alphabet);
    }

    String separators() {
        return toString(separators);
    }

    String guards() {
        return toString(guards);
    }

    // ------------------------------------------------------------------------------------------
    // Encode
    // ------------------------------------------------------------------------------------------

    /** A hash and the alphabet as it was after the last value (needed for padding). */
    private record Encoded(String hash, int[] alphabet) {
    }

    /**
     * Python {@code _encode(values, alphabet, salt)}: lottery character, then each value hashed
     * with a reshuffled alphabet, values separated by a separator. No minimum length.
     * Values must be non-negative.
     */
    private Encoded encode(long[] values, int[] alph, String salt) {
        StringBuilder decimalValues = new StringBuilder();
        for (long value : values) {
            decimalValues.append(value);
        }
        int[] seps = reorder(separators, decimalValues.toString());

        int lottery = reorder(alph, lotterySalt(values))[0];
        StringBuilder out = new StringBuilder().appendCodePoint(lottery);
        alph = toFront(lottery, alph);

        long[] alphabetKeys = shuffleKeys(alphabetSalt(lottery, salt));
        for (int i = 0; i < values.length; i++) {
            long value = values[i];
            alph = reorder(alph, alphabetKeys);
            appendHash(out, value, alph);
            if (i < values.length - 1) {
                // (value + i) mod len, without overflowing near Long.MAX_VALUE
                int index = (int) ((value % seps.length + i) % seps.length);
                out.appendCodePoint(seps[index]);
            }
        }
        return new Encoded(out.toString(), alph);
    }

    /** The values, then {@code (v + 1) * 2} for each value, all in decimal, joined with '-'. */
    private static String lotterySalt(long[] values) {
        StringBuilder s = new StringBuilder();
        for (long value : values) {
            s.append(value).append('-');
        }
        for (long value : values) {
            if (value < Long.MAX_VALUE / 2 - 1) {
                s.append((value + 1) * 2);
            } else {
                s.append(BigInteger.valueOf(value).add(BigInteger.ONE).shiftLeft(1));
            }
            s.append('-');
        }
        s.setLength(s.length() - 1);
        return s.toString();
    }

    private static String alphabetSalt(int lottery, String salt) {
        return (lottery & LOTTERY_MASK) + salt;
    }

    /**
     * Python {@code _ensure_length}: up to two guards, then pad on both sides with encodings of
     * two characters of the current alphabet, cutting the excess from both ends.
     */
    private String ensureMinLength(String hash, long[] values, int[] alph) {
        // all characters involved are from the ASCII alphabet, so String.length() = code points
        if (hash.length() >= minLength) {
            return hash;
        }
        int guardIndex = guardIndex(values);
        hash = toString(guards[guardIndex]) + hash;
        if (hash.length() < minLength) {
            hash = hash + toString(guards[(guardIndex + hash.length()) % guards.length]);
        }

        while (hash.length() < minLength) {
            long[] pad = {alph[1], alph[0]};
            String left = encode(pad, alph, salt).hash();
            String right = encode(pad, alph, "" + pad[0] + pad[1]).hash();
            hash = left + hash + right;

            int excess = hash.length() - minLength;
            if (excess > 0) {
                // Python hash[excess // 2 : -excess // 2]: the right cut rounds up
                hash = hash.substring(excess / 2, hash.length() - (excess + 1) / 2);
            }
            alph = reorder(alph, salt + hash);
        }
        return hash;
    }

    /** {@code (sum of (i + 1) * values[i]) mod len(guards)}, computed without overflow. */
    private int guardIndex(long[] values) {
        int n = guards.length;
        long sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum = (sum + ((i + 1L) % n) * (values[i] % n)) % n;
        }
        return (int) sum;
    }

    /** Python {@code _hash}: base-{@code len(alph)} digits, most significant first. */
    private static void appendHash(StringBuilder out, long number, int[] alph) {
        int base = alph.length;
        int[] digits = new int[64];
        int count = 0;
        do {
            digits[count++] = alph[(int) (number % base)];
            number /= base;
        } while (number != 0);
        while (count > 0) {
            out.appendCodePoint(digits[--count]);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Decode
    // ------------------------------------------------------------------------------------------

    /**
     * Splits on guard characters; with 2 or 3 parts the middle one (part 1) is kept, otherwise
     * part 0.
     *
     * @return {@code [from, to)} of the kept part
     */
    private int[] stripGuards(int[] chars) {
        int first = indexOfAny(chars, 0, guards);
        if (first < 0) {
            return new int[] {0, chars.length};                  // 1 part
        }
        int second = indexOfAny(chars, first + 1, guards);
        if (second < 0) {
            return new int[] {first + 1, chars.length};          // 2 parts
        }
        int third = indexOfAny(chars, second + 1, guards);
        if (third < 0) {
            return new int[] {first + 1, second};                // 3 parts
        }
        return new int[] {0, first};                             // 4 or more parts
    }

    /**
     * Python {@code _decode} on {@code chars[from, to)}: splits on separators; the first
     * character of the first piece is the lottery character. An empty first piece means no
     * lottery character and therefore no values. Empty pieces are skipped; each other piece
     * reshuffles the alphabet (cumulatively) and is unhashed.
     */
    private long[] decodeCore(int[] chars, int from, int to) {
        if (from >= to || contains(separators, chars[from])) {
            return NO_VALUES;
        }
        int lottery = chars[from];
        // a lottery character outside the alphabet is simply inserted (the base becomes 31)
        int[] alph = toFront(lottery, alphabet);
        long[] alphabetKeys = shuffleKeys(alphabetSalt(lottery, salt));

        long[] values = new long[4];
        int count = 0;
        boolean firstPiece = true;
        int pieceStart = from + 1; // the lottery character is not one of the first piece's digits
        for (int p = from + 1; p <= to; p++) {
            if (p < to && !contains(separators, chars[p])) {
                continue;
            }
            // the first piece counts even if only the lottery character made it non-empty
            if (firstPiece || p > pieceStart) {
                alph = reorder(alph, alphabetKeys);
                long value = unhash(chars, pieceStart, p, alph);
                if (value < 0) {
                    return NO_VALUES; // a character not in the alphabet, or too big for a long
                }
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                values[count++] = value;
            }
            firstPiece = false;
            pieceStart = p + 1;
        }
        return Arrays.copyOf(values, count);
    }

    /**
     * Python {@code _unhash}: the inverse of {@link #appendHash}. The first piece may have no
     * digits left after its lottery character; it then decodes to 0, as in Python.
     *
     * @return the value, or -1 if a character is not in {@code alph} or the value exceeds a long
     */
    private static long unhash(int[] chars, int from, int to, int[] alph) {
        int base = alph.length;
        long number = 0;
        for (int i = from; i < to; i++) {
            int digit = indexOf(alph, chars[i]);
            if (digit < 0 || number > (Long.MAX_VALUE - digit) / base) {
                return -1;
            }
            number = number * base + digit;
        }
        return number;
    }

    // ------------------------------------------------------------------------------------------
    // The shuffle (Python _reorder)
    // ------------------------------------------------------------------------------------------

    static int[] reorder(int[] values, String salt) {
        return reorder(values, shuffleKeys(salt));
    }

    /**
     * Python {@code _reorder}, second half: cycling through the keys, repeatedly take out the
     * element at {@code key mod remaining}.
     */
    private static int[] reorder(int[] values, long[] keys) {
        int[] remaining = values.clone();
        int[] result = new int[values.length];
        int size = remaining.length;
        int keyIndex = -1;
        for (int r = 0; r < result.length; r++) {
            keyIndex = (keyIndex + 1) % keys.length;
            int pos = (int) (keys[keyIndex] % size);
            result[r] = remaining[pos];
            System.arraycopy(remaining, pos + 1, remaining, pos, size - pos - 1);
            size--;
        }
        return result;
    }

    /**
     * Python {@code _reorder}, first half: the salt's code points ({@code [0]} for an empty
     * salt), each mixed with all the others (reading values already mixed in earlier rounds),
     * then made non-negative. Growth is polynomial in the salt length, so a long suffices.
     */
    private static long[] shuffleKeys(String salt) {
        long[] keys = salt.isEmpty()
                ? new long[] {0}
                : salt.codePoints().asLongStream().toArray();
        int n = keys.length;
        for (int i = 0; i < n; i++) {
            boolean add = true;
            for (int k = i; k < n + i - 1; k++) {
                long d = keys[(k + 1) % n];
                if (add) {
                    keys[i] += d + (long) k * i;
                } else {
                    keys[i] -= d;
                }
                add = !add;
            }
            keys[i] = Math.abs(keys[i]);
        }
        return keys;
    }

    // ------------------------------------------------------------------------------------------
    // Small helpers on code-point arrays
    // ------------------------------------------------------------------------------------------

    /** {@code c} followed by the elements of {@code alph} other than {@code c}. */
    private static int[] toFront(int c, int[] alph) {
        int[] result = new int[alph.length + (contains(alph, c) ? 0 : 1)];
        result[0] = c;
        int r = 1;
        for (int x : alph) {
            if (x != c) {
                result[r++] = x;
            }
        }
        return result;
    }

    private static int indexOf(int[] array, int c) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(int[] array, int c) {
        return indexOf(array, c) >= 0;
    }

    private static int indexOfAny(int[] chars, int from, int[] set) {
        for (int i = from; i < chars.length; i++) {
            if (contains(set, chars[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String toString(int... codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }
}
