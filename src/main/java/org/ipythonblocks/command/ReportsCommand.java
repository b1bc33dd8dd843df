package org.ipythonblocks.command;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.db.Timestamps;
import org.ipythonblocks.grid.GridIds;

/**
 * The {@code reports} admin command: the open reports, grouped by grid, the grid with the newest
 * report first, each grid with its full URL (a secret grid's whole {@code /secret/} URL: the admin
 * must be able to open it), how many reports and for which reasons, then each report. {@code hide URL}
 * closes a grid's reports. Run it attached ({@code heroku run}), not detached, whose output goes to the log.
 */
@ApplicationScoped
public class ReportsCommand implements AdminCommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    @Inject
    EntityManager em;

    @Inject
    GridIds ids;

    @Inject
    IpbConfig config;

    record Line(OffsetDateTime createdAt, String reason, String note) {
    }

    @Override
    public String name() {
        return "reports";
    }

    @Override
    public String help() {
        return """
                list the open reports (the grid pages' report form) by
                grid, newest first, with each grid's full URL; hide and
                delete close a grid's reports""";
    }

    @Override
    @Transactional
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<?> rows = em.createNativeQuery("""
                select r.grid_secret, r.grid_id, s.token, r.reason, r.note, r.created_at
                from reports r left join secret_grids s on r.grid_secret and s.id = r.grid_id
                where r.closed_at is null order by r.created_at desc, r.id desc""").getResultList();
        Map<String, List<Line>> byGrid = new LinkedHashMap<>(); // the grid with the newest report first
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            String url = url((Boolean) c[0], ((Number) c[1]).longValue(), (String) c[2]);
            byGrid.computeIfAbsent(url, u -> new ArrayList<>()).add(new Line(Timestamps.of(c[5]), (String) c[3], (String) c[4]));
        }
        if (byGrid.isEmpty()) {
            out.println("ipythonblocks: no open reports");
            return 0;
        }
        out.println("ipythonblocks: " + plural(rows.size(), "open report") + " of " + plural(byGrid.size(), "grid")
                + ", newest first; `hide URL` takes a grid down and closes its reports");
        byGrid.forEach((url, lines) -> {
            Map<String, Integer> reasons = new TreeMap<>();
            lines.forEach(line -> reasons.merge(line.reason(), 1, Integer::sum));
            out.println();
            out.println(url);
            out.println("  " + plural(lines.size(), "report") + " (" + String.join(", ", reasons.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).toList()) + ")");
            for (Line line : lines) {
                out.println("  " + WHEN.format(line.createdAt().withOffsetSameInstant(ZoneOffset.UTC)) + "  " + line.reason()
                        + (line.note() == null ? "" : "  \"" + oneLine(line.note()) + "\""));
            }
        });
        return 0;
    }

    private String url(boolean secret, long rowId, String token) {
        String path = !secret ? ids.publicId(rowId) : "secret/" + (token != null ? token : ids.legacySecretId(rowId));
        return config.publicBaseUrl() + "/" + path;
    }

    /** A note on one line of the terminal: line breaks and other control characters as spaces. */
    static String oneLine(String note) {
        return note.replaceAll("\\p{Cc}+", " ");
    }

    private static String plural(int n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }
}
