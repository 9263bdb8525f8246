package org.policyminer.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.policyminer.PolicyMinerException;

class DecoderTest {

    static final String RUSSIAN = org.policyminer.Fixtures.RUSSIAN;

    @Test
    void legacyCyrillicPageWithMetaCharsetIsReadable() throws Exception {
        String html = "<html><head><meta charset=\"windows-1251\"></head><body><p>" + RUSSIAN + "</p></body></html>";
        Decoder.Decoded d = Decoder.decode(html.getBytes(Charset.forName("windows-1251")), null);
        assertEquals("windows-1251", d.charset().name());
        assertTrue(d.text().contains("персональные данные"), d.text());
        assertEquals(Format.HTML, d.format());
    }

    @Test
    void undeclaredCyrillicIsDetected() throws Exception {
        byte[] bytes = (RUSSIAN + "\n" + RUSSIAN).getBytes(Charset.forName("windows-1251"));
        Decoder.Decoded d = Decoder.decode(bytes, null);
        assertTrue(d.text().contains("персональные данные"), "decoded as " + d.charset() + ": " + d.text());
    }

    @Test
    void latin1PageDeclaringUtf8IsNotMojibake() throws Exception {
        String html = "<html><head><meta charset=\"utf-8\"></head><body><p>Our café in Zürich collects"
                + " your name and e-mail address – never more.</p></body></html>";
        Decoder.Decoded d = Decoder.decode(html.getBytes(Charset.forName("windows-1252")), null);
        assertTrue(d.text().contains("café in Zürich"), d.text());
        assertTrue(d.text().contains("address – never"), d.text());
    }

    /** The replacement character decides nothing by itself: a page may hold it, or hold a bad byte. */
    @Test
    void replacementCharacterInTheTextIsNotTakenForABadByte() throws Exception {
        String page = "<html><head><meta charset=\"utf-8\"></head><body><p>Broken glyph \uFFFD here, café.</p></body></html>";
        Decoder.Decoded valid = Decoder.decode(page.getBytes(StandardCharsets.UTF_8), null);
        assertEquals(StandardCharsets.UTF_8, valid.charset());
        assertEquals(page, valid.text());
        byte[] bad = page.replace("\uFFFD", "").getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 20] = (byte) 0xE9; // a lone Latin-1 byte: not UTF-8 any more
        Decoder.Decoded fallback = Decoder.decode(bad, "utf-8");
        assertTrue(!fallback.charset().equals(StandardCharsets.UTF_8), "decoded as " + fallback.charset());
        assertEquals(new String(bad, fallback.charset()), fallback.text());
    }

    @Test
    void byteOrderMarkWinsAndIsRemoved() throws Exception {
        byte[] body = "Privacy policy: we collect nothing.".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        Decoder.Decoded d = Decoder.decode(bytes, null);
        assertEquals("Privacy policy: we collect nothing.", d.text());
    }

    @Test
    void declarationIsFoundWhereverItStartsAndInAnyCase() {
        byte[] cyrillic = "\u041f\u043e\u043b\u0438\u0442\u0438\u043a\u0430".getBytes(Charset.forName("windows-1251"));
        for (String head : new String[] {"<html><META http-equiv=x CHARSET=windows-1251>",
                "<p>a < b <me <?x <!-- --><meta charset='windows-1251'>",
                "<?XML version=\"1.0\" Encoding=\"windows-1251\"?>", "<<<<meta charset=windows-1251"}) {
            byte[] page = new byte[head.length() + cyrillic.length];
            System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, page, 0, head.length());
            System.arraycopy(cyrillic, 0, page, head.length(), cyrillic.length);
            assertEquals("windows-1251", Decoder.chooseCharset(page, null).name(), head);
        }
        byte[] none = "<p>caf\u00e9 <metadata> <?xm".getBytes(StandardCharsets.UTF_8);
        assertEquals(StandardCharsets.UTF_8, Decoder.chooseCharset(none, null));
    }

    @Test
    void binaryAndEmptyInputsAreRejectedWithAReason() {
        assertTrue(assertThrows(PolicyMinerException.class, () -> Decoder.decode(new byte[0], null))
                .getMessage().contains("empty"));
        assertTrue(assertThrows(PolicyMinerException.class,
                () -> Decoder.decode("%PDF-1.7\n%âãÏÓ".getBytes(StandardCharsets.ISO_8859_1), null))
                .getMessage().contains("PDF"));
        assertTrue(assertThrows(PolicyMinerException.class,
                () -> Decoder.decode(new byte[] {'a', 0, 'b', 0, 1, 2, 3}, null)).getMessage().contains("binary"));
        assertTrue(assertThrows(PolicyMinerException.class, () -> Decoder.decode("  \n\t ".getBytes(), null))
                .getMessage().contains("white space"));
    }

    @Test
    void formatIsSniffedFromContentNotName() {
        assertEquals(Format.HTML, Format.sniff("\n<!DOCTYPE html><html><body>x</body></html>"));
        assertEquals(Format.HTML, Format.sniff("<div><p>One</p><p>Two</p><ul><li>a</li><li>b</li></ul></div>"));
        assertEquals(Format.MARKDOWN, Format.sniff("# Privacy\n\nSee [our site](https://x.org).\n\n## Data\n\ntext"));
        assertEquals(Format.TEXT, Format.sniff("Privacy Policy\n\n1. General\n- we collect your name;\n- and email."));
    }
}
