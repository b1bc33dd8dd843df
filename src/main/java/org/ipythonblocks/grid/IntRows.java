package org.ipythonblocks.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects rows of {@code [r, g, b, size]} quadruples into compact {@code int[]} rows while parsing. */
public final class IntRows {

    private final List<int[]> rows = new ArrayList<>();

    public Row newRow() {
        return new Row();
    }

    public int[][] toArray() {
        return rows.toArray(new int[0][]);
    }

    public final class Row {
        private int[] values = new int[64];
        private int length;

        public void add(int red, int green, int blue, int size) {
            if (length + 4 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[length++] = red;
            values[length++] = green;
            values[length++] = blue;
            values[length++] = size;
        }

        int blockCount() {
            return length / 4;
        }

        public void finish() {
            rows.add(Arrays.copyOf(values, length));
        }
    }
}
