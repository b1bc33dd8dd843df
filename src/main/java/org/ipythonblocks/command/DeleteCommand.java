package org.ipythonblocks.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;

/** {@code delete URL|ID}: delete a grid for good. */
@ApplicationScoped
public class DeleteCommand extends TakedownCommand {

    @Override
    public String name() {
        return "delete";
    }

    @Override
    public String help() {
        return "delete a grid for good; closes its open reports";
    }

    @Override
    GridTakedown.Outcome apply(GridRef grid) {
        return takedown.delete(grid);
    }

    @Override
    String done() {
        return "deleted";
    }
}
