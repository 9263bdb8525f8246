package org.policyminer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

/** {@link CsvText} prints records in the very characters commons-csv's RFC 4180 format prints. */
class CsvTextTest {

    private static String commons(Object... values) throws Exception {
        StringBuilder sb = new StringBuilder();
        CSVFormat.RFC4180.printRecord(sb, values);
        return sb.toString();
    }

    @Test
    void everyCharacterInEveryPositionIsPrintedAsCommonsCsvPrintsIt() throws Exception {
        List<String> values = new ArrayList<>(List.of("", " ", "a", "a b", "\"", "\"\"", "a,b", "#x", "x#", "$x",
                " x", "x ", "x\t", "\tx", "1.5", "-3", "a\r\nb", "Privacy > Cookies", "«quoted»", "\uD83D\uDE00"));
        for (char c = 0; c < 0x3000; c++) {
            values.add(c + "x");
            values.add("x" + c);
            values.add("x" + c + "y");
            values.add(String.valueOf(c));
        }
        for (String v : values) {
            for (Object[] record : List.of(new Object[] {v}, new Object[] {v, v}, new Object[] {"id", v, 7},
                    new Object[] {v, "", v}, new Object[] {"", v})) {
                assertEquals(commons(record), CsvText.record(new StringBuilder(), record).toString(), v);
            }
        }
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            String alphabet = " ,\"\r\n#a\u00e9\t";
            char[] chars = new char[random.nextInt(6)];
            for (int k = 0; k < chars.length; k++) {
                chars[k] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            Object[] record = {new String(chars), i, new String(chars).strip(), -i, 0.25};
            assertEquals(commons(record), CsvText.record(new StringBuilder(), record).toString());
        }
        assertEquals(commons("a", null, "b"), CsvText.record(new StringBuilder(), "a", null, "b").toString());
    }
}
