package org.policyminer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code policyminer} command line: a thin layer over the library, one subcommand per task. */
@Command(name = "policyminer", mixinStandardHelpOptions = true, version = "policyminer 0.1.0",
        description = "Turns website privacy policies into structured, searchable clause annotations.",
        subcommands = {AnnotateCommand.class, TrainCommand.class, EvalCommand.class, ClassifyCommand.class,
                SplitCommand.class, EvalAttributesCommand.class, TrainPolarityCommand.class, IndexCommand.class, SearchCommand.class,
                ServeCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit status when some inputs were skipped; the outputs are still complete and valid. */
    public static final int EXIT_SKIPPED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Runs the command line and returns its exit status (0 ok, 1 failure, 2 usage error, 3 inputs skipped). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::explain).execute(args);
    }

    /** Bad data, unreadable paths and full disks are the user's to fix: say what is wrong in one line, no stack trace. */
    private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
            command.getErr().println("policyminer " + command.getCommandName() + ": " + e.getMessage());
            return 1;
        }
        throw e;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }
}
