package org.ipythonblocks.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.legacy.ImportReport;
import org.ipythonblocks.legacy.LegacyImporter;

/**
 * {@code import FILE|URL|- [--rejects PATH|-]}: the 2014 site's SQLite file or an export, from a file,
 * an http(s) URL or standard input ({@code heroku run … import - < ipborg.db}, where the file is on
 * the maintainer's machine and not on the dyno). A URL or standard input is copied to a temporary
 * file first ({@link ImportInput}: SQLite reads files, and the format is told from the first bytes).
 * Rows not imported go to {@code FILE.rejects.jsonl}, or, when the input is no file of this machine,
 * to standard error; {@code --rejects} says where else.
 */
@ApplicationScoped
public class ImportCommand implements AdminCommand {

    /** {@code --rejects -}: list the rows not imported on standard error. */
    static final String STANDARD_STREAM = "-";

    @Inject
    LegacyImporter importer;

    @Inject
    IpbConfig config;

    /** The command line, read. */
    record Arguments(String source, String rejects) {
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String arguments() {
        return "FILE|URL|- [--rejects PATH]";
    }

    @Override
    public String help() {
        return """
                import grids from the 2014 site's SQLite file or from an
                export (JSON Lines), keeping their ids, from a file, an
                http(s) URL or standard input (-); rows that cannot be
                imported are listed in PATH (default FILE.rejects.jsonl;
                standard error for a URL or -, or with --rejects -)""";
    }

    @Override
    public void check(List<String> args) {
        parse(args);
    }

    static Arguments parse(List<String> args) {
        String source = null;
        String rejects = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--rejects")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--rejects needs a path");
                }
                rejects = args.get(++i);
            } else if (arg.startsWith("--rejects=")) {
                rejects = arg.substring("--rejects=".length());
            } else if ((arg.startsWith("-") && !arg.equals(STANDARD_STREAM)) || source != null) {
                throw new UsageException("import: unexpected argument '" + arg + "'");
            } else {
                source = arg;
            }
        }
        if (source == null) {
            throw new UsageException("import: which file? (a SQLite database or a JSON Lines export; a URL; - for standard input)");
        }
        return new Arguments(source, rejects);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments arguments = parse(args);
        try (ImportInput input = ImportInput.open(arguments.source(), config.importer().maxInputBytes(), err)) {
            Path rejects = arguments.rejects() != null ? Path.of(arguments.rejects())
                    : input.isLocalFile() ? null : Path.of(LegacyImporter.TO_PROGRESS);
            ImportReport report = importer.importFrom(input.file(), rejects, err);
            out.print(report.summary());
            return report.exitCode();
        }
    }
}
