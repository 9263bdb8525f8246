package org.policyminer.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.policyminer.Fixtures;

class TextBuilderTest {

    /** The two replacements normalize() was written as. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]+");

    private static String reference(String s) {
        return SPACES.matcher(INVISIBLE.matcher(s).replaceAll("")).replaceAll(" ").strip();
    }

    @Test
    void normalizeCollapsesSpacesAndDropsInvisibleCharactersAsTheRegularExpressionsDid() throws IOException {
        List<String> samples = new ArrayList<>(List.of("", " ", "\u200B", " a \u200B b ", "\u00A0x\u2003\u2003y\u3000",
                "a\u00ADb", "\u2028line\u2029", "\t\n\u000B\f\r z \u001F", "tab\u200A\u202F\u205Fend", "😀 \uFEFF😀"));
        try (Stream<Path> files = Files.list(Fixtures.CORPUS)) {
            for (Path p : files.sorted().toList()) {
                // Raw markup: every kind of white-space run a page has, in lines and in whole files.
                String raw = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                samples.add(raw);
                samples.addAll(List.of(raw.split("<")));
            }
        }
        for (String s : samples) {
            assertEquals(reference(s), TextBuilder.normalize(s), s);
            // The HTML cleaner hands normalised text on without normalising it again.
            assertEquals(TextBuilder.normalize(s), TextBuilder.normalize(TextBuilder.normalize(s)), s);
            assertEquals(TextBuilder.normalize(s), TextBuilder.normalize(new StringBuilder(s)), s);
        }
        assertEquals("a b", TextBuilder.normalize(" a \u200B\u00A0 b\n"));
    }

    /** The cleaner measures text without building it; it must count what jsoup's text() then strip() leave. */
    @Test
    void strippedTextLengthIsTheLengthOfTheStrippedText() throws IOException {
        List<String> samples = new ArrayList<>(List.of("", " ", "\u00A0", "\u200B", "\u00AD x \u00AD", " a \u200B b ",
                "\u00A0x\u2003\u2003y\u3000", "\u2028line\u2029", "\t\n\u000B\f\r z \u001F", "\u001Fa\u001C",
                "😀 \uFEFF😀", "\uD800 x \uDC00", " \u200B \u2003 ", "a\u00A0\u00A0 \tb"));
        try (Stream<Path> files = Files.list(Fixtures.CORPUS)) {
            for (Path p : files.sorted().toList()) {
                String raw = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
                // Every text node of the page as jsoup parses it, and the raw lines.
                Jsoup.parse(raw).body().traverse((node, depth) -> {
                    if (node instanceof TextNode t) {
                        samples.add(t.getWholeText());
                    }
                });
                samples.addAll(List.of(raw.split("<")));
            }
        }
        for (String s : samples) {
            assertEquals(new TextNode(s).text().strip().length(), HtmlCleaner.strippedTextLength(s), s);
        }
    }
}
