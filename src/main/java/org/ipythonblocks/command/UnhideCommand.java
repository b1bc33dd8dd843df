package org.ipythonblocks.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.ipythonblocks.grid.GridTakedown;

/** {@code unhide URL|ID}: shows a hidden grid again (its closed reports stay closed). */
@ApplicationScoped
public class UnhideCommand extends TakedownCommand {

    public UnhideCommand() {
        super("unhide", "show a hidden grid again", GridTakedown::unhide, "visible again");
    }
}
