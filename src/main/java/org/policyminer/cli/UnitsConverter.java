package org.policyminer.cli;

import java.util.Locale;

import org.policyminer.eval.Dataset;
import picocli.CommandLine;

/** Parses {@code --units segments|sentences|both}. */
final class UnitsConverter implements CommandLine.ITypeConverter<Dataset.TrainingUnits> {
    @Override
    public Dataset.TrainingUnits convert(String value) {
        try {
            return Dataset.TrainingUnits.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("unknown units '" + value + "' (expected segments, sentences or both)");
        }
    }
}
