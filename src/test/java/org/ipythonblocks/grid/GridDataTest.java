package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Stored grid data: written in the client's wire format, and read back leniently (the third policy in GridData's doc). */
class GridDataTest {

    static GridData read(String json) throws Exception {
        return GridJson.MAPPER.readValue(json, GridData.class);
    }

    @Test
    void writesTheClientsWireFormatWithExtraKeysLast() throws Exception {
        GridData grid = new GridData(2, 1, true, new int[][] { { 1, 2, 3, 20, 4, 5, 6, 20 } },
                Map.of("note", JsonNodeFactory.instance.textNode("ñ")));
        assertThat(GridJson.MAPPER.writeValueAsString(grid))
                .isEqualTo("{\"width\":2,\"height\":1,\"lines_on\":true,\"blocks\":[[[1,2,3,20],[4,5,6,20]]],\"note\":\"ñ\"}");
        assertThat(read(GridJson.MAPPER.writeValueAsString(grid))).isEqualTo(grid);
    }

    @Test
    void storedValuesOutsideTheRulesAreClampedNotRefused() throws Exception {
        GridData grid = read("{\"width\": 2.6, \"height\": -3, \"lines_on\": 1, \"blocks\": [[[1e20, -5, \"x\", 7, 99]]]}");
        assertThat(grid.width()).isEqualTo(3);
        assertThat(grid.height()).isZero();
        assertThat(grid.linesOn()).isTrue();
        assertThat(grid.blocks()[0]).containsExactly(Integer.MAX_VALUE, 0, 0, 7);
    }

    @Test
    void raggedAndEmptyRowsAreKept() throws Exception {
        GridData grid = read("{\"width\": 2, \"height\": 3, \"lines_on\": false, \"blocks\": [[[1, 2, 3, 4], [5, 6, 7, 8]], [], [[9, 9, 9, 9]]]}");
        assertThat(grid.rowCount()).isEqualTo(3);
        assertThat(grid.columnCount(1)).isZero();
        assertThat(grid.maxColumnCount()).isEqualTo(2);
        assertThat(grid.blockCount()).isEqualTo(3);
        assertThat(grid.size(2, 0)).isEqualTo(9);
    }

    @Test
    void blocksThatAreNotAListReadAsNoBlocks() throws Exception {
        GridData grid = read("{\"width\": 1, \"height\": 1, \"lines_on\": true, \"blocks\": \"none\"}");
        assertThat(grid.blocks()).isEmpty();
    }
}
