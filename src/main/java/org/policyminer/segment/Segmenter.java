package org.policyminer.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.util.Span;
import org.policyminer.doc.Block;
import org.policyminer.doc.Clause;
import org.policyminer.doc.Section;
import org.policyminer.doc.StructuredText;
import org.policyminer.doc.Token;

/**
 * Adds the section, clause and token layers to a cleaned text. Sections come from heading blocks; clauses are
 * OpenNLP sentences of paragraphs and list items (a list item never merges with its neighbours, and points to
 * the sentence that introduces its list); tokens and POS tags come from OpenNLP's models too, through
 * {@link CachingTokenizer} and {@link GreedyPosTagger}, which give exactly what {@code TokenizerME} and
 * OpenNLP's greedy (beam size 1) tagging give, at a fraction of the cost.
 *
 * <p>Not thread-safe (OpenNLP's tools keep state): make one per thread from the shared {@link NlpModels}.
 */
public final class Segmenter {

    /** A sentence shorter than this many letters ("1.1.", "a)") is glued to the sentence that follows. */
    private static final int MIN_LETTERS = 2;

    private final SentenceDetectorME sentences;
    private final CachingTokenizer tokenizer;
    private final GreedyPosTagger tagger;

    public Segmenter(NlpModels models) {
        this.sentences = new SentenceDetectorME(models.sentences());
        this.tokenizer = new CachingTokenizer(models.tokens());
        this.tagger = new GreedyPosTagger(models.pos());
    }

    /** The section tree of a text: each heading opens a section nested under the last heading of a higher level. */
    public static List<Section> sections(StructuredText doc) {
        List<Section> sections = new ArrayList<>();
        List<Section> open = new ArrayList<>();
        for (Block b : doc.blocks()) {
            if (b.kind() != Block.Kind.HEADING) {
                continue;
            }
            while (!open.isEmpty() && open.get(open.size() - 1).level() >= b.level()) {
                open.remove(open.size() - 1);
            }
            Section parent = open.isEmpty() ? null : open.get(open.size() - 1);
            List<String> path = new ArrayList<>(parent == null ? List.of() : parent.path());
            String title = b.text(doc.text());
            path.add(title);
            Section s = new Section(sections.size(), parent == null ? -1 : parent.id(), b.level(), title,
                    b.start(), b.end(), path);
            sections.add(s);
            open.add(s);
        }
        return sections;
    }

    /**
     * Splits a text into clauses with their sections and lead-ins.
     *
     * @param withTokens whether to tokenize and POS-tag each clause
     */
    public List<Clause> clauses(StructuredText doc, List<Section> sections, boolean withTokens) {
        List<Clause> clauses = new ArrayList<>();
        String text = doc.text();
        int sectionIdx = -1;
        int headingsSeen = 0;
        int lastParagraphClause = -1;
        Block.Kind previousKind = null;
        int leadIn = -1;
        for (Block b : doc.blocks()) {
            if (b.kind() == Block.Kind.HEADING) {
                sectionIdx = sections.get(headingsSeen++).id();
                lastParagraphClause = -1;
                previousKind = b.kind();
                continue;
            }
            if (b.kind() == Block.Kind.LIST_ITEM && previousKind != Block.Kind.LIST_ITEM) {
                // The list's lead-in is the sentence right before it, when nothing but the list separates them.
                leadIn = previousKind == Block.Kind.PARAGRAPH ? lastParagraphClause : -1;
            }
            List<String> path = sectionIdx < 0 ? List.of() : sections.get(sectionIdx).path();
            for (Span s : sentenceSpans(b.text(text))) {
                int start = b.start() + s.getStart();
                int end = b.start() + s.getEnd();
                String clauseText = text.substring(start, end);
                List<Token> tokens = withTokens ? tag(clauseText, start) : List.of();
                clauses.add(new Clause(clauses.size(), start, end, clauseText, sectionIdx, path, b.kind(),
                        b.kind() == Block.Kind.LIST_ITEM ? leadIn : -1, tokens, Map.of(), List.of()));
            }
            if (b.kind() == Block.Kind.PARAGRAPH) {
                lastParagraphClause = clauses.size() - 1;
            }
            previousKind = b.kind();
        }
        return clauses;
    }

    /**
     * Sentence spans of one block, trimmed. Letterless fragments ("1.1.") are glued to the sentence that follows,
     * and a "sentence" starting in lower case is glued to the one before: the model breaks after abbreviations
     * and split domain names ("S. a. r. l.", "www. example. com") that policies are full of.
     */
    List<Span> sentenceSpans(String block) {
        List<Span> out = new ArrayList<>();
        int pendingStart = -1;
        for (Span s : sentences.sentPosDetect(block)) {
            Span piece = trim(block, pendingStart >= 0 ? pendingStart : s.getStart(), s.getEnd());
            if (piece.length() == 0) {
                continue;
            }
            if (!hasLetters(block, piece.getStart(), piece.getEnd(), MIN_LETTERS)) {
                pendingStart = piece.getStart();
                continue;
            }
            pendingStart = -1;
            if (!out.isEmpty() && Character.isLowerCase(block.codePointAt(piece.getStart()))) {
                Span previous = out.remove(out.size() - 1);
                piece = new Span(previous.getStart(), piece.getEnd());
            }
            out.add(piece);
        }
        if (pendingStart >= 0) {
            Span tail = out.isEmpty() ? trim(block, pendingStart, block.length())
                    : trim(block, out.remove(out.size() - 1).getStart(), block.length());
            out.add(tail);
        }
        if (out.isEmpty() && !block.isBlank()) {
            out.add(trim(block, 0, block.length()));
        }
        return out;
    }

    /** Whether s[start, end) holds at least {@code n} letters (code points), counted in place. */
    private static boolean hasLetters(String s, int start, int end, int n) {
        int letters = 0;
        for (int i = start; i < end && letters < n; i++) {
            char c = s.charAt(i);
            // A surrogate pair counts as one code point only when both halves are inside the range.
            int cp = Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))
                    ? Character.toCodePoint(c, s.charAt(++i)) : c;
            if (Character.isLetter(cp)) {
                letters++;
            }
        }
        return letters >= n;
    }

    private static Span trim(String s, int start, int end) {
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return new Span(start, end);
    }

    private List<Token> tag(String clause, int offset) {
        Span[] spans = tokenizer.tokenizePos(clause);
        String[] words = Span.spansToStrings(spans, clause);
        String[] tags = tagger.tag(words);
        List<Token> tokens = new ArrayList<>(spans.length);
        for (int i = 0; i < spans.length; i++) {
            tokens.add(new Token(offset + spans[i].getStart(), offset + spans[i].getEnd(), tags[i]));
        }
        return tokens;
    }
}
