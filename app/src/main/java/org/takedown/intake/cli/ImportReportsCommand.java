package org.takedown.intake.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.intake.BulkImportResult;
import org.takedown.intake.ReportImports;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.cli.Progress;
import org.takedown.shared.documents.LineFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code takedown import reports FILE}. */
@Command(
        name = "reports",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "Import reports from CSV 'url,source,reference,received_at,note' (header optional) or JSON lines with",
            "those fields (.jsonl). A bad line is named with its number and skipped; the rest is imported.",
            "Exit 1 when a line was bad."
        })
final class ImportReportsCommand extends DatabaseCommand {

    @Parameters(paramLabel = "FILE", description = "The file")
    Path file;

    @Override
    protected int run(ConfigurableApplicationContext context) {
        if (!Files.isRegularFile(file)) {
            err().println("error: no such file: " + file);
            return 1;
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        LineFile.Format format = LineFile.Format.guess(name, new byte[0]);
        try (ProgressBar bar = Progress.bytes("Importing", Files.size(file));
                InputStream in = Progress.counting(new BufferedInputStream(Files.newInputStream(file)), bar)) {
            BulkImportResult result = context.getBean(ReportImports.class).importFile(in, format, lines -> {});
            bar.stepTo(bar.getMax());
            out().printf(
                            "Imported %d lines into %d reports: %d new URLs, %d joined open cases, %d bad lines.%n",
                            result.lines(), result.reports(), result.newUrls(), result.joinedUrls(), result.badLines());
            result.problems().forEach(problem -> err().println(problem));
            return result.badLines() > 0 ? 1 : 0;
        } catch (IOException e) {
            err().println("error: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
