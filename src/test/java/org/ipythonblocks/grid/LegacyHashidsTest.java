package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link LegacyHashids} against vectors produced by the real Python hashids 0.8.4
 * (spec §2.4, {@code hashids-legacy-vectors.csv}) and the decode quirks of spec §2.6.
 */
class LegacyHashidsTest {

    private static final String VECTORS = "/hashids-legacy-vectors.csv";

    private static final LegacyHashids PUBLIC = new LegacyHashids("public", 6);
    private static final LegacyHashids SECRET = new LegacyHashids("secret", 6);

    // ------------------------------------------------------------------------------------------
    // The vectors file
    // ------------------------------------------------------------------------------------------

    record Vector(String salt, int minLength, long id, String hashid) {
    }

    /**
     * Reads {@code salt,min_length,id,hashid} rows. Parsed by hand rather than with
     * {@code @CsvFileSource}, which would trim the salts and turn the empty salt into null.
     * Salts contain spaces but never commas, so every row must split into exactly 4 fields.
     */
    static List<Vector> readVectors() {
        try (InputStream in = LegacyHashidsTest.class.getResourceAsStream(VECTORS)) {
            assertThat(in).as(VECTORS + " on the test classpath").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("salt,min_length,id,hashid");
            List<Vector> vectors = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] fields = line.split(",", -1);
                assertThat(fields).as("fields of row %s", line).hasSize(4);
                vectors.add(new Vector(fields[0], Integer.parseInt(fields[1]),
                        Long.parseLong(fields[2]), fields[3]));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> vectors() {
        return readVectors().stream()
                .map(v -> Arguments.of(v.salt(), v.minLength(), v.id(), v.hashid()));
    }

    @Test
    void vectorsFileIsReadCompletely() {
        List<Vector> vectors = readVectors();
        assertThat(vectors).hasSize(234);
        assertThat(vectors).extracting(Vector::salt)
                .contains("", "public", "secret", "this is my salt",
                        "a somewhat longer salt with spaces and 1234567890 digits");
        assertThat(vectors).filteredOn(v -> v.salt().isEmpty()).hasSize(62);
    }

    @ParameterizedTest(name = "salt=\"{0}\" minLength={1}: {2} <-> {3}")
    @MethodSource("vectors")
    void encodesAndDecodesEveryVector(String salt, int minLength, long id, String hashid) {
        LegacyHashids hashids = new LegacyHashids(salt, minLength);

        assertThat(hashids.encode(id)).isEqualTo(hashid);
        assertThat(hashids.decode(hashid)).containsExactly(id);
        if (id >= 1) {
            assertThat(hashids.decodeId(hashid, Long.MAX_VALUE)).hasValue(id);
        }
    }

    // ------------------------------------------------------------------------------------------
    // §2.3 / §2.4 facts
    // ------------------------------------------------------------------------------------------

    @Nested
    class SpecVectors {

        @Test
        void separatorsGuardsAndWorkingAlphabet() {
            assertThat(PUBLIC.guards()).isEqualTo("ciT");
            assertThat(PUBLIC.separators()).isEqualTo("SFhUItuCHfs");
            assertThat(PUBLIC.workingAlphabet()).isEqualTo("BdkaGb5oKeLAzjrp4Ry9Xq7gMxnE86");
            assertThat(SECRET.workingAlphabet()).isEqualTo("beMEgyd96j5LXaBnzApr8x7R4okqKG");
        }

        @Test
        void readmeVectors() {
            LegacyHashids noSalt = new LegacyHashids("", 0);
            assertThat(noSalt.encode(123)).isEqualTo("AjL");
            assertThat(noSalt.encode(123, 456, 789)).isEqualTo("qa9t96h7G");
            assertThat(noSalt.decode("qa9t96h7G")).containsExactly(123, 456, 789);

            // exercises the padding loop (two-value encodes with another alphabet and salt)
            assertThat(new LegacyHashids("", 16).encode(1)).isEqualTo("Ee7uE4iyEiEG7ued");

            assertThat(new LegacyHashids("this is my salt 1", 0).encode(123)).isEqualTo("rnR");
            assertThat(new LegacyHashids("this is my salt 2", 0).encode(123)).isEqualTo("XBn");
        }

        @Test
        void siteVectors() {
            assertThat(PUBLIC.encode(1)).isEqualTo("bizkiL");
            assertThat(SECRET.encode(1)).isEqualTo("MiXoi4");
            assertThat(PUBLIC.encode(24_299_999)).isEqualTo("5ddddd");
            assertThat(PUBLIC.encode(24_300_000)).isEqualTo("MXRRRRR");
            assertThat(PUBLIC.encode(Integer.MAX_VALUE)).isEqualTo("x8bdM4b9");
        }

        @Test
        void largestValues() {
            // verified with Python hashids 0.8.4
            assertThat(PUBLIC.encode(Long.MAX_VALUE)).isEqualTo("ALdARR4p6jpneX");
            assertThat(PUBLIC.decodeId("ALdARR4p6jpneX", Long.MAX_VALUE)).hasValue(Long.MAX_VALUE);
            assertThat(PUBLIC.encode(Long.MAX_VALUE - 1, Long.MAX_VALUE, 0))
                    .isEqualTo("ygqRMMd4G546ExHaBnjj6gzXgyo9SK");
            assertThat(PUBLIC.decode("ygqRMMd4G546ExHaBnjj6gzXgyo9SK"))
                    .containsExactly(Long.MAX_VALUE - 1, Long.MAX_VALUE, 0);
        }

        @Test
        void invalidInputToEncode() {
            assertThat(PUBLIC.encode()).isEmpty();
            assertThat(PUBLIC.encode((long[]) null)).isEmpty();
            assertThat(PUBLIC.encode(-1)).isEmpty();
            assertThat(PUBLIC.encode(1, -1)).isEmpty();
            assertThat(PUBLIC.encode(Long.MIN_VALUE)).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------
    // §2.6 decode quirks (salt "public", min length 6)
    // ------------------------------------------------------------------------------------------

    @Nested
    class DecodeQuirks {

        @Test
        void nonCanonicalStringsDecodeLenientlyButAreNotIds() {
            assertThat(PUBLIC.decode("bizkiLx")).containsExactly(1);
            assertThat(PUBLIC.decode("bizki")).containsExactly(1);
            assertThat(PUBLIC.decodeId("bizkiLx", Long.MAX_VALUE)).isEmpty();
            assertThat(PUBLIC.decodeId("bizki", Long.MAX_VALUE)).isEmpty();
            assertThat(PUBLIC.decodeId("bizkiL", Long.MAX_VALUE)).hasValue(1);
        }

        @Test
        void theWordSecretIsPublicIdEightOnlyLeniently() {
            assertThat(PUBLIC.decode("secret")).containsExactly(8);
            assertThat(PUBLIC.encode(8)).isEqualTo("BTyKT7").isNotEqualTo("secret");
            assertThat(PUBLIC.decodeId("secret", Long.MAX_VALUE)).isEmpty();
        }

        @Test
        void secretIdDoesNotResolveUnderThePublicSalt() {
            assertThat(PUBLIC.decode("MiXoi4")).containsExactly(15);
            assertThat(PUBLIC.encode(15)).isEqualTo("Kc85cn");
            assertThat(PUBLIC.decodeId("MiXoi4", Long.MAX_VALUE)).isEmpty();
            assertThat(SECRET.decodeId("MiXoi4", Long.MAX_VALUE)).hasValue(1);
            assertThat(SECRET.decodeId("bizkiL", Long.MAX_VALUE)).isEmpty();
        }

        @Test
        void hugeValuesDoNotOverflow() {
            String twentyZs = "z".repeat(20); // Python: 11622614669999999999999999999
            assertThat(PUBLIC.decode(twentyZs)).isEmpty();
            assertThat(PUBLIC.decodeId(twentyZs, Long.MAX_VALUE)).isEmpty();
            assertThat(PUBLIC.decode("9".repeat(14))).isEmpty(); // Python: 15943229999999999999
            assertThat(PUBLIC.decode("9".repeat(13))).containsExactly(531_440_999_999_999_999L);
        }

        @Test
        void firstValueZeroIsNotAnId() {
            assertThat(PUBLIC.decode("asdfgh")).containsExactly(0, 28, 19);
            assertThat(PUBLIC.decodeId("asdfgh", Long.MAX_VALUE)).isEmpty();
            assertThat(PUBLIC.decode("ecj9cB")).containsExactly(0);
            assertThat(PUBLIC.decodeId("ecj9cB", Long.MAX_VALUE)).isEmpty();
        }

        @Test
        void idsAboveMaxIdAreNotFound() {
            assertThat(PUBLIC.decodeId("x8bdM4b9", Integer.MAX_VALUE)).hasValue(Integer.MAX_VALUE);
            assertThat(PUBLIC.decodeId("x8bdM4b9", Integer.MAX_VALUE - 1L)).isEmpty();
            assertThat(PUBLIC.decodeId("x8bdM4b9", 1000)).isEmpty();
            assertThat(PUBLIC.decodeId("bizkiL", 1)).hasValue(1);
            assertThat(PUBLIC.decodeId("bizkiL", 0)).isEmpty();
        }

        /** More lenient decodes, each checked against Python hashids 0.8.4. */
        @ParameterizedTest(name = "decode(\"{0}\") = [{1}]")
        @CsvSource(delimiter = '|', value = {
            "x          | 0",   // only a lottery character: its empty piece unhashes to 0
            "S          | ''",  // starts with a separator: no lottery character, no values
            "Sbizk      | 1",   // 2 parts around the guard 'i': the second one is used
            "czz        | 29",
            "💥b        | 28",  // a lottery character outside the alphabet is inserted into it
            "bizk L     | ''",  // a character outside the alphabet
        })
        void moreLenientDecodes(String hash, String expected) {
            long[] expectedValues = expected.isEmpty()
                    ? new long[0]
                    : new long[] {Long.parseLong(expected)};
            assertThat(PUBLIC.decode(hash)).containsExactly(expectedValues);
            assertThat(PUBLIC.decodeId(hash, Long.MAX_VALUE)).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"é€💥", "bizk L", "\uD800", "\u0000", "ccc", "iiii", "SSSSSS",
            "-1", "bizkiL/", "💥💥💥💥💥💥"})
        void junkNeverThrows(String hash) {
            assertThatCode(() -> {
                PUBLIC.decode(hash);
                assertThat(PUBLIC.decodeId(hash, Long.MAX_VALUE)).isEmpty();
            }).doesNotThrowAnyException();
        }

        @Test
        void veryLongInputIsRejectedQuickly() {
            String longInput = "bizkiL".repeat(100_000);
            assertThat(PUBLIC.decodeId(longInput, Long.MAX_VALUE)).isEmpty();
            assertThatCode(() -> PUBLIC.decode(longInput)).doesNotThrowAnyException();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Round trip
    // ------------------------------------------------------------------------------------------

    @Nested
    class RoundTrip {

        @Test
        void everySmallIdRoundTrips() {
            for (LegacyHashids hashids : List.of(PUBLIC, SECRET)) {
                assertThat(hashids.decode(hashids.encode(0))).containsExactly(0);
                assertThat(hashids.decodeId(hashids.encode(0), Long.MAX_VALUE)).isEmpty();

                List<Long> failures = new ArrayList<>();
                for (long id = 1; id <= 200_000; id++) {
                    String hash = hashids.encode(id);
                    if (hash.length() != 6 || hashids.decodeId(hash, Long.MAX_VALUE).orElse(-1) != id) {
                        failures.add(id);
                    }
                }
                assertThat(failures).as("ids that do not round-trip to 6 characters").isEmpty();
            }
        }

        @Test
        void randomLongsRoundTrip() {
            Random random = new Random(20140214);
            List<LegacyHashids> all = List.of(PUBLIC, SECRET, new LegacyHashids("", 0),
                    new LegacyHashids("a somewhat longer salt with spaces and 1234567890 digits", 16));
            List<Long> failures = new ArrayList<>();
            for (LegacyHashids hashids : all) {
                for (int n = 0; n < 20_000; n++) {
                    long id = 1 + (random.nextLong() >>> 1) % Long.MAX_VALUE; // 1..Long.MAX_VALUE
                    if (hashids.decodeId(hashids.encode(id), Long.MAX_VALUE).orElse(-1) != id) {
                        failures.add(id);
                    }
                }
                assertThat(hashids.decodeId(hashids.encode(Long.MAX_VALUE), Long.MAX_VALUE))
                        .hasValue(Long.MAX_VALUE);
            }
            assertThat(failures).as("ids that do not round-trip").isEmpty();
        }

        @Test
        void multipleValuesRoundTrip() {
            Random random = new Random(42);
            for (int n = 0; n < 5_000; n++) {
                long[] values = random.longs(1 + random.nextInt(5), 0, Long.MAX_VALUE).toArray();
                assertThat(PUBLIC.decode(PUBLIC.encode(values))).containsExactly(values);
            }
        }
    }
}
