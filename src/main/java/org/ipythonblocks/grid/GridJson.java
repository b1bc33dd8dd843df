package org.ipythonblocks.grid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The site's one {@link JsonMapper} for grid JSON it reads and writes itself (the jsonb columns go
 * through Quarkus' own mapper and {@link GridData}'s serializers), and the two ways it reads:
 * <ul>
 * <li>{@link #REQUESTS}: bodies clients send ({@code POST /post}, {@code POST /delete}). Anything may
 * arrive, so a body is refused cheaply: at most {@value #MAX_NESTING} levels deep, numbers of at most
 * {@value #MAX_NUMBER_LENGTH} digits. What follows the value is the caller's to judge.</li>
 * <li>{@link #ROWS}: rows of old data (SQLite, JSON Lines exports), checked before they are stored
 * as they are: floats kept as written (BigDecimal, never rounded through a double), and text after
 * the value is an error.</li>
 * </ul>
 * Both refuse a key repeated in one object: the grid would be ambiguous.
 */
public final class GridJson {

    public static final int MAX_NESTING = 64;
    public static final int MAX_NUMBER_LENGTH = 100;

    /** Strict about repeated keys, otherwise Jackson's defaults; also what writes exports and rejects files. */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()).build();

    public static final ObjectReader REQUESTS = MAPPER.reader().with(MAPPER.getFactory().rebuild()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build());

    public static final ObjectReader ROWS = MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private GridJson() {
    }
}
