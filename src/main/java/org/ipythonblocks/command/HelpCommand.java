package org.ipythonblocks.command;

import java.io.PrintStream;
import java.util.List;

/** {@code help} (or {@code --help}): the usage, with no database needed. */
public class HelpCommand implements AdminCommand {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String help() {
        return "show this text";
    }

    @Override
    public boolean needsTheApplication() {
        return false;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        out.print(Commands.usage());
        return 0;
    }
}
