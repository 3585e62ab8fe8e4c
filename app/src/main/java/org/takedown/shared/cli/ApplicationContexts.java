package org.takedown.shared.cli;

import org.springframework.context.ConfigurableApplicationContext;

/** Starts Takedown without its web server, for a command that works on the database. Implemented by the root. */
public interface ApplicationContexts {

    /** Starts an application context on the database {@code database} names; the caller closes it. */
    ConfigurableApplicationContext startBatch(DatabaseOptions database);

    /** Starts an application context without web server and background workers, with these Spring arguments. */
    ConfigurableApplicationContext startBatch(java.util.List<String> springArguments);
}
