package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What the packaged app writes to its log, as Heroku collects it (and often ships it to a third-party
 * log service): a clean start prints no warning, so the one warning that matters is not lost among
 * those a maintainer learned to ignore.
 */
class LogIT {

    @Test
    void aCleanStartPrintsNoWarning() throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            List<String> warnings = warnings(app.output());
            assertThat(warnings).as("warnings in the start-up log:\n" + app.output()).isEmpty();
        }
    }

    /** Log lines at WARN level (JBoss Logging's format) and the JVM's own warnings. */
    static List<String> warnings(String log) {
        return Arrays.stream(log.split("\n")).filter(line -> line.matches(".*\\bWARN(ING)?\\b.*") || line.contains("VM warning")).toList();
    }
}
