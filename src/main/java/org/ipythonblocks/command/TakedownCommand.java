package org.ipythonblocks.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.LogMask;
import org.ipythonblocks.grid.GridGoneException;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;

/**
 * What {@code hide}, {@code unhide} and {@code delete} share: one grid named by its URL or id, exit
 * code 1 for no such grid (or a deleted one), and output that shows a secret id shortened
 * ({@link LogMask}): a one-off dyno's output can end up in the logs too.
 */
abstract class TakedownCommand implements AdminCommand {

    @Inject
    GridTakedown takedown;

    @Inject
    IpbConfig config;

    private final String name;
    private final String help;
    private final BiFunction<GridTakedown, GridRef, GridTakedown.Outcome> action;
    private final String done;

    /**
     * @param action the takedown itself
     * @param done   what the grid is once done: "hidden", "visible again", "deleted"
     */
    TakedownCommand(String name, String help, BiFunction<GridTakedown, GridRef, GridTakedown.Outcome> action, String done) {
        this.name = name;
        this.help = help;
        this.action = action;
        this.done = done;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String arguments() {
        return "URL|ID";
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public void check(List<String> args) {
        if (args.size() != 1) {
            throw new UsageException("usage: " + name() + " URL|ID");
        }
        // before start, without configuration: the shape only; run() checks the host
        if (GridRef.parse(args.get(0), anyHost -> true).isEmpty()) {
            throw new UsageException("'" + LogMask.mask(args.get(0)) + "' is not a grid's URL or id (a secret grid's: secret/<id>)");
        }
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        GridRef grid = grid(args.get(0)).orElseThrow();
        String named = LogMask.mask(grid.toString());
        GridTakedown.Outcome outcome;
        try {
            outcome = action.apply(takedown, grid);
        } catch (GridGoneException e) {
            err.println("ipythonblocks: grid " + named + " has been " + e.reason().words
                    + ": its data is erased, so there is nothing left to " + name());
            return 1;
        }
        if (outcome != GridTakedown.Outcome.DONE) {
            err.println("ipythonblocks: no grid " + named);
            return 1;
        }
        out.println("ipythonblocks: grid " + named + " " + done);
        return 0;
    }

    /** The grid an argument names, by the site's rule ({@link GridRef}): a URL only on the public base URL's host. */
    private Optional<GridRef> grid(String arg) {
        try {
            return GridRef.parse(arg, host -> GridRef.sameSite(host, config.publicBaseUrl()));
        } catch (GridRef.OtherSiteException e) {
            throw new UsageException("'" + LogMask.mask(arg) + "': " + e.getMessage() + " (IPB_PUBLIC_BASE_URL is "
                    + config.publicBaseUrl() + ")");
        }
    }
}
