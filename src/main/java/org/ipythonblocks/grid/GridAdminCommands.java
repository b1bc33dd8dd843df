package org.ipythonblocks.grid;

import java.io.PrintStream;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.web.LogMask;

/**
 * The admin commands of the packaged app: {@code hide URL|ID}, {@code unhide URL|ID},
 * {@code delete URL|ID}, dispatched and listed in {@code help} by {@link org.ipythonblocks.IpbMain}.
 * Exit codes: 0 done, 1 no such grid (or a deleted one), 2 usage. {@code hide} and {@code delete} close the
 * grid's open reports. What they print shows a secret id shortened
 * ({@link LogMask}): a one-off dyno's output can end up in the logs too.
 */
@ApplicationScoped
public class GridAdminCommands {

    @Inject
    GridTakedown takedown;

    public int run(PrintStream out, PrintStream err, String... args) {
        if (args.length != 2) {
            err.println("ipythonblocks: usage: " + args[0] + " URL|ID");
            return 2;
        }
        Optional<GridRef> ref = GridRef.parse(args[1]);
        if (ref.isEmpty()) {
            err.println("ipythonblocks: '" + LogMask.mask(args[1]) + "' is not a grid's URL or id");
            return 2;
        }
        GridTakedown.Outcome outcome;
        try {
            outcome = switch (args[0]) {
                case "hide" -> takedown.hide(ref.get());
                case "unhide" -> takedown.unhide(ref.get());
                default -> takedown.delete(ref.get());
            };
        } catch (GridGoneException e) {
            err.println("ipythonblocks: grid " + LogMask.mask(ref.get().toString()) + " has been " + e.reason().words
                    + ": its data is erased, so there is nothing left to " + args[0]);
            return 1;
        }
        if (outcome != GridTakedown.Outcome.DONE) {
            err.println("ipythonblocks: no grid " + LogMask.mask(ref.get().toString()));
            return 1;
        }
        String done = switch (args[0]) {
            case "hide" -> "hidden";
            case "unhide" -> "visible again";
            default -> "deleted";
        };
        out.println("ipythonblocks: grid " + LogMask.mask(ref.get().toString()) + " " + done);
        return 0;
    }
}
