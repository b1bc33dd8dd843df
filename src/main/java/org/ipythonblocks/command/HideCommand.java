package org.ipythonblocks.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;

/** {@code hide URL|ID}: 410 Gone on every route, never in {@code /random}; closes the grid's open reports. */
@ApplicationScoped
public class HideCommand extends TakedownCommand {

    @Override
    public String name() {
        return "hide";
    }

    @Override
    public String help() {
        return """
                take a grid down: 410 Gone on every route, never in
                /random; closes its open reports""";
    }

    @Override
    GridTakedown.Outcome apply(GridRef grid) {
        return takedown.hide(grid);
    }

    @Override
    String done() {
        return "hidden";
    }
}
