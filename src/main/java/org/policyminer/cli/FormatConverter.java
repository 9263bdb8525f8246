package org.policyminer.cli;

import java.util.Locale;

import org.policyminer.eval.Dataset;
import picocli.CommandLine;

/** Parses {@code --format opp115|csv}. */
final class FormatConverter implements CommandLine.ITypeConverter<Dataset.Format> {
    @Override
    public Dataset.Format convert(String value) {
        try {
            return Dataset.Format.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("unknown format '" + value + "' (expected opp115 or csv)");
        }
    }
}
