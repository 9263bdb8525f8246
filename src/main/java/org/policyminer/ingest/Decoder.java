package org.policyminer.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mozilla.universalchardet.UniversalDetector;
import org.policyminer.PolicyMinerException;

/**
 * Turns bytes into text. The charset comes from, in order: a byte-order mark, a declaration in the content
 * (HTML meta charset, XML prolog), an external hint (HTTP header), strict UTF-8 when the bytes are valid UTF-8,
 * and statistical detection otherwise. Declarations are only trusted when the bytes decode cleanly with them,
 * because pages often claim UTF-8 while being served in a legacy code page.
 */
public final class Decoder {

    /** Decoded content and how it was decoded. */
    public record Decoded(String text, Charset charset, Format format) {
    }

    private static final Pattern META_CHARSET = Pattern.compile(
            "(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([a-z0-9_:.\\-]+)|<\\?xml[^>]+encoding\\s*=\\s*[\"']([a-z0-9_:.\\-]+)");

    private Decoder() {
    }

    /**
     * Decodes a document, rejecting content that is empty or binary.
     *
     * @throws PolicyMinerException with a readable reason when the bytes are not a text document
     */
    public static Decoded decode(byte[] bytes, String charsetHint) throws PolicyMinerException {
        if (bytes.length == 0) {
            throw new PolicyMinerException("empty file");
        }
        String binary = binaryKind(bytes);
        if (binary != null) {
            throw new PolicyMinerException("binary content (" + binary + "), not a text document");
        }
        Choice choice = choose(bytes, charsetHint);
        Charset charset = choice.charset();
        int bom = bomLength(bytes, charset);
        // A charset chosen because the bytes decode cleanly with it comes with the text (and no byte-order mark).
        String text = choice.text() != null ? choice.text() : new String(bytes, bom, bytes.length - bom, charset);
        if (text.isBlank()) {
            throw new PolicyMinerException("file holds only white space");
        }
        return new Decoded(text, charset, Format.sniff(text));
    }

    /** A charset, and the bytes decoded with it when choosing it meant decoding them (else null). */
    private record Choice(Charset charset, String text) {
    }

    static Charset chooseCharset(byte[] bytes, String hint) {
        return choose(bytes, hint).charset();
    }

    private static Choice choose(byte[] bytes, String hint) {
        Charset fromBom = charsetFromBom(bytes);
        if (fromBom != null) {
            return new Choice(fromBom, null);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 8192), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        int from = firstDeclarationTag(head);
        if (from >= 0 && m.find(from)) {
            Charset declared = forName(m.group(1) != null ? m.group(1) : m.group(2));
            String text = declared == null ? null : cleanText(bytes, declared);
            if (text != null) {
                return new Choice(declared, text);
            }
        }
        Charset hinted = forName(hint);
        String text = hinted == null ? null : cleanText(bytes, hinted);
        if (text != null) {
            return new Choice(hinted, text);
        }
        text = cleanText(bytes, StandardCharsets.UTF_8);
        if (text != null) {
            return new Choice(StandardCharsets.UTF_8, text);
        }
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        Charset detected = forName(detector.getDetectedCharset());
        // Western pages are the common case when detection gives up; windows-1252 decodes every byte.
        return new Choice(detected != null ? detected : Charset.forName("windows-1252"), null);
    }

    /**
     * Where the first {@code <meta} or {@code <?xml} (any case) starts, or -1: no {@link #META_CHARSET} match can
     * start before it. Searching from there spares the regex trying both alternatives at every position of the head.
     */
    private static int firstDeclarationTag(String head) {
        for (int i = head.indexOf('<'); i >= 0; i = head.indexOf('<', i + 1)) {
            if (head.regionMatches(true, i + 1, "meta", 0, 4) || head.startsWith("?", i + 1)
                    && head.regionMatches(true, i + 2, "xml", 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    private static Charset forName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        // Browsers treat these labels as windows-1252 (WHATWG Encoding Standard); so do we.
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            n = "windows-1252";
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The bytes decoded with a charset when they decode without a malformed or unmappable sequence, else null.
     * Decoding replaces every bad sequence with U+FFFD, so text without one decoded cleanly: only text with one
     * (a bad sequence, or a page that holds the character itself) needs the strict decoder to tell.
     */
    private static String cleanText(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset);
        return text.indexOf('\uFFFD') < 0 || decodesCleanly(bytes, charset) ? text : null;
    }

    private static boolean decodesCleanly(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Charset charsetFromBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static int bomLength(byte[] b, Charset charset) {
        Charset bom = charsetFromBom(b);
        if (bom == null || !bom.equals(charset)) {
            return 0;
        }
        return bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
    }

    /** Names the binary format of the content, or returns null when it looks like text. */
    static String binaryKind(byte[] b) {
        if (startsWith(b, "%PDF")) {
            return "PDF";
        }
        if (startsWith(b, "\u0089PNG")) {
            return "PNG image";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "JPEG image";
        }
        if (startsWith(b, "GIF8")) {
            return "GIF image";
        }
        if (startsWith(b, "PK\u0003\u0004")) {
            return "ZIP archive or office document";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
            return "gzip data";
        }
        if (charsetFromBom(b) != null && charsetFromBom(b) != StandardCharsets.UTF_8) {
            return null; // UTF-16 text legitimately holds NUL bytes
        }
        int n = Math.min(b.length, 8192);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == 0) {
                return "NUL bytes";
            }
            if (c < 0x09 || (c > 0x0D && c < 0x20)) {
                control++;
            }
        }
        return control * 20 > n ? "control characters" : null;
    }

    private static boolean startsWith(byte[] b, String magic) {
        if (b.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((b[i] & 0xFF) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
