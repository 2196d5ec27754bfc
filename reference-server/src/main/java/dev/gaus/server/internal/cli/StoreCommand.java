package dev.gaus.server.internal.cli;

import dev.gaus.server.internal.store.Stores;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * An admin command that works on the store: its options are checked first, then the store is
 * opened, the command runs and prints to the command line's output, and the store is closed.
 */
abstract class StoreCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        try (Stores store = storeOptions.open()) {
            run(store, out);
            out.flush();
        }
        return 0;
    }

    /** Refuses options that are wrong on their face, before the store is opened. */
    void checkOptions() {
    }

    abstract void run(Stores store, PrintWriter out);
}
