package org.policyminer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.policyminer.report.CorpusReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code policyminer report --out DIR}: the corpus overview of an annotate run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes an overview of an annotate output folder: report/index.html (one self-contained page "
                + "with charts, readable offline) and the same tables as CSV files beside it.",
                "Exit status: 0 written, 1 failure, 2 usage error."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The --out folder of an annotate run.")
    Path out;

    @Option(names = "--to", paramLabel = "FOLDER", description = "Where to write the report (default: DIR/report).")
    Path to;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(out.resolve("documents.csv"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out " + out + " holds no documents.csv: give the output folder of a finished annotate run");
        }
        Path target = to != null ? to : out.resolve("report");
        int tables = CorpusReport.standard().write(out, target).size();
        System.err.println(tables + " tables -> " + target.resolve("index.html"));
        return 0;
    }
}
