package org.policyminer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@link JsonText} writes strings and numbers in the very bytes Jackson's default generator writes. */
class JsonTextTest {

    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void everyCharacterIsEscapedAsJacksonEscapesIt() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            String one = String.valueOf((char) c);
            assertEquals(jackson.writeValueAsString(one), JsonText.string(new StringBuilder(), one).toString(),
                    "U+" + Integer.toHexString(c));
            all.append((char) c);
        }
        all.append("\uD83D\uDE00 a \"b\" \\c");
        String s = all.toString();
        assertEquals(jackson.writeValueAsString(s), JsonText.string(new StringBuilder(), s).toString());
        // A range of a longer text, as token texts are written.
        assertEquals(jackson.writeValueAsString(s.substring(30, 300)),
                JsonText.string(new StringBuilder(), s, 30, 300).toString());
        assertEquals("null", JsonText.string(new StringBuilder(), null).toString());
        assertEquals(jackson.writeValueAsString(List.of("a", "\n", "")),
                JsonText.strings(new StringBuilder(), List.of("a", "\n", "")).toString());
    }

    @Test
    void doublesAreWrittenAsJacksonWritesThem() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double d = i % 2 == 0 ? random.nextDouble() : Math.round(random.nextDouble() * 1e4) / 1e4;
            assertEquals(jackson.writeValueAsString(d), JsonText.number(new StringBuilder(), d).toString());
        }
        for (double d : new double[] {0.0, -0.0, 1.0, 1e-4, 1e-7, 1e21, Double.MIN_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertEquals(jackson.writeValueAsString(d), JsonText.number(new StringBuilder(), d).toString());
        }
    }
}
