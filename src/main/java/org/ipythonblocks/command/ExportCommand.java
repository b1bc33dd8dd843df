package org.ipythonblocks.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.legacy.GridExporter;

/**
 * {@code export FILE|-}: every grid of both tables as JSON Lines, to a file or to standard output
 * ({@code heroku run … export - > backup.jsonl}); the summary then goes to standard error, so
 * standard output holds nothing but the export.
 */
@ApplicationScoped
public class ExportCommand implements AdminCommand {

    @Inject
    GridExporter exporter;

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String arguments() {
        return "FILE|-";
    }

    @Override
    public String help() {
        return """
                write every grid of both spaces, with its takedown state,
                to FILE (or standard output: -) as JSON Lines""";
    }

    @Override
    public void check(List<String> args) {
        if (args.size() != 1 || (args.get(0).startsWith("-") && !args.get(0).equals(ImportCommand.STANDARD_STREAM))) {
            throw new UsageException("export: give exactly one output FILE, or - for standard output");
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.get(0).equals(ImportCommand.STANDARD_STREAM)) {
            GridExporter.Report report = exporter.exportTo(out, err);
            out.flush();
            err.print(report.summary());
        } else {
            out.print(exporter.exportTo(Path.of(args.get(0)), err).summary());
        }
        return 0;
    }
}
