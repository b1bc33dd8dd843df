package org.ipythonblocks.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.ipythonblocks.grid.GridTakedown;

/** {@code delete URL|ID}: erases a grid for good (410 "deleted"); closes its open reports. */
@ApplicationScoped
public class DeleteCommand extends TakedownCommand {

    public DeleteCommand() {
        super("delete", "delete a grid for good; closes its open reports", GridTakedown::delete, "deleted");
    }
}
