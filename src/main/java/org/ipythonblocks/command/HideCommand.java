package org.ipythonblocks.command;

import jakarta.enterprise.context.ApplicationScoped;

import org.ipythonblocks.grid.GridTakedown;

/** {@code hide URL|ID}: 410 Gone on every route, never in {@code /random}; closes the grid's open reports. */
@ApplicationScoped
public class HideCommand extends TakedownCommand {

    public HideCommand() {
        super("hide", """
                take a grid down: 410 Gone on every route, never in
                /random; closes its open reports""", GridTakedown::hide, "hidden");
    }
}
