package org.ipythonblocks.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rejects file on its own: one JSON object per row not imported, and no file at all when every row went in. */
class RejectsFileTest {

    @TempDir
    Path dir;

    @Test
    void aCleanImportLeavesNoFile() {
        ImportReport report = new ImportReport("JSON Lines");
        Path path = dir.resolve("clean.rejects.jsonl");
        new RejectsFile(path, report).close();
        assertThat(path).doesNotExist();
        assertThat(report.rejectsFile()).isNull();
    }

    @Test
    void eachRowIsOneLineWithNumericIdsAsNumbersAndTheLineWhenThereIsOne() throws Exception {
        ImportReport report = new ImportReport("JSON Lines");
        Path path = dir.resolve("sub/dir/x.rejects.jsonl");
        try (RejectsFile rejects = new RejectsFile(path, report)) {
            rejects.write("rejected", GridTable.PUBLIC, "7", 3, "grid_data is missing");
            rejects.write("rejected", null, "seven", 4, "\"table\" is not \"public_grids\" or \"secret_grids\"");
            rejects.write("conflict", GridTable.SECRET, "2", 0, "id 2 already holds a different grid; it was left unchanged");
        }
        assertThat(report.rejectsFile()).isEqualTo(path);
        assertThat(Files.readAllLines(path, StandardCharsets.UTF_8)).containsExactly(
                "{\"kind\":\"rejected\",\"table\":\"public_grids\",\"id\":7,\"line\":3,\"reason\":\"grid_data is missing\"}",
                "{\"kind\":\"rejected\",\"table\":null,\"id\":\"seven\",\"line\":4,\"reason\":\"\\\"table\\\" is not \\\"public_grids\\\" or \\\"secret_grids\\\"\"}",
                "{\"kind\":\"conflict\",\"table\":\"secret_grids\",\"id\":2,\"reason\":\"id 2 already holds a different grid; it was left unchanged\"}");
    }

    @Test
    void onlyDataErrorsAreTheRowsFault() {
        assertThat(BatchInserter.isAboutTheData(new java.sql.SQLException("bad", "22P05"))).isTrue();
        assertThat(BatchInserter.isAboutTheData(new java.sql.SQLException("dup", "23505"))).isTrue();
        assertThat(BatchInserter.isAboutTheData(new java.sql.SQLException("too big", "54000"))).isTrue();
        assertThat(BatchInserter.isAboutTheData(new java.sql.SQLException("down", "08006"))).isFalse();
        assertThat(BatchInserter.isAboutTheData(new java.sql.SQLException("no state"))).isFalse();
        assertThat(BatchInserter.firstLine("ERROR: x\n  Where: y")).isEqualTo("ERROR: x");
    }
}
