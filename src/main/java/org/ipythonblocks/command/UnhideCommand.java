package org.ipythonblocks.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;

/** {@code unhide URL|ID}: show a hidden grid again. */
@ApplicationScoped
public class UnhideCommand extends TakedownCommand {

    @Override
    public String name() {
        return "unhide";
    }

    @Override
    public String help() {
        return "show a hidden grid again";
    }

    @Override
    GridTakedown.Outcome apply(GridRef grid) {
        return takedown.unhide(grid);
    }

    @Override
    String done() {
        return "visible again";
    }
}
