package org.ipythonblocks.command;

import java.io.PrintStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.SessionFactory;

/**
 * {@code migrate}: Heroku's release phase. The pending migrations ran as the command started
 * ({@link Commands#migrateFirst}, as for every command); this one then checks that the entities match the schema, once per
 * deploy, so web dynos can skip the check.
 */
@ApplicationScoped
public class MigrateCommand implements AdminCommand {

    @Inject
    SessionFactory sessionFactory;

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String help() {
        return """
                apply pending database migrations, then exit (Heroku's
                release phase)""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        sessionFactory.getSchemaManager().validateMappedObjects();
        out.println("ipythonblocks: the database schema is up to date");
        return 0;
    }
}
