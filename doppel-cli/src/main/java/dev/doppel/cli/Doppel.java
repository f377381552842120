package dev.doppel.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code doppel} command. */
@Command(name = "doppel",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Production-shaped databases for every non-production environment, with the personal data masked.",
        subcommands = {
            DemoCommand.class,
            PlanCommand.class,
            RunCommand.class,
            ScanCommand.class,
            VerifyCommand.class,
            SnapshotCommand.class,
            RestoreCommand.class,
            RollbackCommand.class,
            SnapshotsCommand.class,
            ExportCommand.class,
            TransformersCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  the run failed",
            "  2  bad arguments, config or policy; nothing was written",
            "  3  cannot connect or authenticate",
            "  4  the privacy gate stopped the run (unclassified column, leak found)",
            "  5  internal error",
            "",
            "Docs: docs/ in the source tree; start with docs/configuration.md."
        })
public final class Doppel implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. 'doppel demo' or 'doppel run -c doppel.yml'");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs one command line and returns its exit code; the entry point tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Doppel())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new ErrorReporter())
                .setCaseInsensitiveEnumValuesAllowed(true);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
