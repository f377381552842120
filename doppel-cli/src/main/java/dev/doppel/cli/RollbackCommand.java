package dev.doppel.cli;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.swap.LiveSwap;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel rollback}: swap the previous generation back in. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {
            "Swap the newest earlier generation of a database back in (the one 'restore' kept). The database it replaces"
                    + " becomes the newest generation, so a second rollback undoes the first.",
        })
final class RollbackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The target: a name under targets: in the config, or a"
            + " database URL.")
    String name;

    @Mixin
    StoreOptions store;

    @Option(names = "--generation", paramLabel = "DATABASE", description = "Swap this generation in instead of the newest.")
    String generation;

    @Option(names = "--list", description = "Only list the generations, newest first.")
    boolean list;

    @Option(names = "--terminate", description = "End the sessions connected to the live database at the swap.")
    boolean terminate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ConnectionConfig target = store.target(name);
        PrintWriter out = spec.commandLine().getOut();
        var engine = Engines.load().relational(target.url());
        try (DatabaseSwap swap = engine.swap(target).orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT,
                "The " + engine.name() + " engine cannot swap databases"))) {
            LiveSwap live = new LiveSwap(swap);
            if (list) {
                List<String> generations = live.generations();
                out.println(generations.isEmpty() ? "No earlier generations of " + live.live() + "."
                        : "Generations of " + live.live() + ", newest first:");
                generations.forEach(g -> out.println("  " + g));
                return 0;
            }
            LiveSwap.Swapped swapped = live.rollback(generation, terminate);
            out.println("Rolled back: " + swapped.live() + " is live again as " + live.live()
                    + swapped.retired().map(r -> "; the database it replaced is kept as " + r).orElse("") + ".");
        }
        return 0;
    }
}
