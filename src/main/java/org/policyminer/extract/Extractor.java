package org.policyminer.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.policyminer.doc.Attribute;
import org.policyminer.doc.Clause;
import org.policyminer.doc.Token;
import org.policyminer.text.LeadingChars;
import org.policyminer.text.LiteralFilter;

/**
 * Reads what each clause states: data types, third parties, purposes, retention periods, ages, rights, legal
 * bases, transfer safeguards and contacts, each with its evidence span in the clean text and a normalised value,
 * plus the clause's polarity (does / does not) and modality (may / will / must).
 *
 * <p>Rules and curated lexicons, kept as data files next to this class ({@code *.tsv}); negation scope and the
 * names of organisations use the clause's OpenNLP tokens and part-of-speech tags. Immutable and thread-safe.
 */
public final class Extractor {

    static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[A-Za-z]{2,}");
    static final Pattern POSTAL = Pattern.compile(
            "\\b\\d{1,5}[A-Za-z]?,?\\s+(?:[\\p{Lu}][\\p{L}.'-]*\\s+){1,4}(?:Street|St\\.|Avenue|Ave\\.?|Road|Rd\\.|Boulevard"
                    + "|Blvd\\.?|Drive|Dr\\.|Lane|Way|Place|Square|Parkway|Court|Plaza)(?:[,\\s]+(?:Suite|Ste\\.?|Floor|Unit|#)"
                    + "\\s*\\w+)?(?:,\\s*[\\p{Lu}][\\p{L} .'-]{1,40}){0,3}(?:,?\\s+(?:[A-Z]{2}\\s+)?\\d{4,6}(?:-\\d{4})?)?"
                    + "|\\b\\d{5,6},\\s*(?:[\\p{Lu}][\\p{L}'-]*,?\\s*){1,3}(?:[\\p{Lu}][\\p{L}'-]*\\s+)?(?:Street|Str\\.|Avenue|Road)"
                    + "(?:,?\\s*(?:building|bldg\\.?|house|office)?\\s*\\d+\\w?)?");
    private static final Pattern AGE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:(?:children|child|minors?|kids|persons?|individuals?|users?|people|anyone|teens?|those|"
                    + "visitors?)\\s+)?(?:(?:who are |that are |is |are )?(?:under|below|younger than|less than|over|older than"
                    + "|at least|above|aged|age of|ages of|minimum age of|of age|the age of|turned|reached)\\s+(?:the\\s+)?"
                    + "(?:age\\s+of\\s+)?(?:majority\\s+)?(?:\\(\\s*)?(?<n>\\d{1,2}|NUMBERS)(?:\\s*\\(\\w+\\))?(?:\\s*\\))?"
                    + "(?:\\s*(?:years?|yrs?)(?:\\s+of\\s+age|\\s+old|\\s+of)?)?(?:\\s+or\\s+(?:older|younger|over|under|above|below))?"
                    + "|(?<n2>\\d{1,2}|NUMBERS)(?:\\s*\\(\\w+\\))?\\s*(?:-|\\s)?(?:years?(?:-|\\s+)(?:of\\s+age|old)|-year-olds?)"
                    + "(?:\\s+(?:or|and)\\s+(?:older|younger|over|under|above|below))?)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_AN_AGE_AFTER = Pattern.compile(
            "^\\s*(?:GDPR|of the GDPR|CCPA|U\\.?S\\.?C|CFR|%|percent|USD|EUR|\\$|days?|months?|hours?|minutes?|\\.\\d)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_AN_AGE_BEFORE = Pattern.compile(
            "(?:Art\\.?|Article|Articles|Section|Sections|Sec\\.|§|Chapter|clause|paragraph|para\\.|No\\.|\\$|€|£)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GDPR_ARTICLE = Pattern.compile(
            "\\bArt(?:icle)?s?\\.?\\s*(?<n>\\d{1,2})(?:\\s*\\((?<p>\\d)\\))?(?:\\s*(?:and|/|,|-|–)\\s*\\d{1,2})*"
                    + "(?:\\s*(?:\\([a-z]\\)))?(?:\\s*(?:of\\s+(?:the\\s+)?)?(?:GDPR|General Data Protection Regulation|"
                    + "EU\\s*(?:Regulation\\s*)?2016/679|the Regulation))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CCPA_SECTION = Pattern.compile(
            "(?:§+|Sections?|Sec\\.)?\\s*(?<n>1798\\.\\d{3}(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);
    static final Pattern URL_OR_EMAIL = Pattern.compile("(?:https?://|www\\.)\\S+|\\S+@\\S+"
            + "|(?<![\\p{L}\\p{N}])[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|org|net|io|co|uk|de|eu)(?:/\\S*)?");
    /*
     * The literal strings without which these patterns cannot match: most clauses hold none of them (no "@", no
     * "www."), and the patterns, which try every position of a clause, are then run over the empty text instead,
     * where none of them matches.
     */
    static final LiteralFilter EMAIL_FILTER = LiteralFilter.of(EMAIL.pattern());
    static final LiteralFilter POSTAL_FILTER = LiteralFilter.of(POSTAL.pattern());
    static final LiteralFilter URL_OR_EMAIL_FILTER = LiteralFilter.of(URL_OR_EMAIL.pattern());
    /** A brand followed by one of these names a data type ("Skype ID", "Facebook profile"), not a recipient. */
    private static final Pattern DATA_TYPE_AFTER_BRAND = Pattern.compile(
            "^(?:'s|’s)?\\s+(?:IDs?|ID numbers?|ids?|profiles?|accounts?|user ?names?|handles?|log-?ins?|credentials|"
                    + "friends?|contacts|connections|followers|profile links?)\\b");
    private static final Set<String> NAME_STOPWORDS = Set.of("the", "company", "companies", "corporation", "corp",
            "holdings", "group", "international", "global", "europe", "european", "ireland", "uk", "usa", "us", "u.s.",
            "america", "americas", "hong", "kong", "limited", "ltd", "inc", "llc", "gmbh", "ag", "ab", "as", "oy", "uc",
            "plc", "s.a.", "s.à", "r.l.", "co", "and", "&", "of", "nordic", "(europe)", "payments", "pte");
    private static final Set<String> GENERIC_CAPITALS = Set.of("we", "our", "us", "you", "your", "the", "this", "that",
            "site", "website", "websites", "service", "services", "policy", "privacy", "company", "user", "users", "data",
            "personal", "information", "terms", "use", "app", "apps", "platform", "products", "product", "customer",
            "customers", "inc", "llc", "ltd", "limited", "corporation", "corp", "group", "statement", "notice", "online",
            "com", "www", "http", "https", "org", "net", "i", "a", "an", "and", "of", "in", "on", "for", "to", "by",
            // Function words of ALL-CAPS legalese ("INCLUDING BUT NOT LIMITED TO", "SUCH AS", "OTHERS").
            "but", "not", "such", "as", "are", "is", "be", "including", "other", "others", "all", "any", "or", "with",
            "without", "from", "at", "it", "its", "no", "warranties", "warranty", "liability", "damages");

    private final Lexicon dataTypes = Lexicon.load("data-types.tsv", 3, false);
    private final Lexicon recipients = Lexicon.load("third-parties.tsv", 3, false);
    private final Lexicon brands = Lexicon.load("brands.tsv", 2, true);
    private final Lexicon purposes = Lexicon.load("purposes.tsv", 3, false);
    private final Lexicon retentionKinds = Lexicon.load("retention.tsv", 2, false);
    private final Lexicon rights = Lexicon.load("rights.tsv", 3, false);
    private final Lexicon legalBases = Lexicon.load("legal-bases.tsv", 3, false);
    private final Lexicon safeguards = Lexicon.load("transfer-safeguards.tsv", 2, false);
    private final Lexicon contacts = Lexicon.load("contacts.tsv", 2, false);
    private final Map<String, Lexicon> cues = new HashMap<>();
    private final Map<String, String> opp115 = new HashMap<>();
    private final Map<String, String> rightArticles = new HashMap<>();
    private final Set<String> recipientKinds = new HashSet<>();
    /** The lexicons and pattern filters that read a whole clause, checked together in one pass over it. */
    private final Lexicon.Scanner clauseScanner;
    final Pattern agePattern;
    final LiteralFilter ageFilter;
    /**
     * The age rule's number words: every age match holds one or an ASCII digit (its groups {@code n} and
     * {@code n2}), so a clause with neither is not searched.
     */
    final LiteralFilter ageNumberFilter;
    // The cue lists the rules ask, looked up once.
    private final Lexicon practiceCue;
    private final Lexicon negationCue;
    private final Lexicon legalSuffixCue;
    private final Lexicon conditionalCue;
    private final Lexicon purposeMarkers;
    private final Lexicon legalBasisContext;
    private final Lexicon retentionContext;
    private final Lexicon retentionNoise;
    private final Lexicon parentalCue;
    private final Lexicon minorNouns;
    private final Lexicon orgIntro;
    /** The modal cue lists, in the order {@link #modality} weighs them. */
    private final List<Map.Entry<Clause.Modality, Lexicon>> modalCues;
    // Where these patterns can start: they are tried at those positions only (see LeadingChars#find).
    static final LeadingChars POSTAL_LEAD = LeadingChars.of(POSTAL);
    final LeadingChars ageLead;
    /** Decides polarity from the rules' cues when present; without it the rules decide alone. */
    private final PolarityModel polarityModel;

    private Extractor(PolarityModel polarityModel) {
        this.polarityModel = polarityModel;
        Map<String, List<String>> cueRows = new HashMap<>();
        for (String[] row : Lexicon.rows("cues.tsv", 2)) {
            cueRows.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        cueRows.forEach((name, patterns) -> cues.put(name, Lexicon.ofPatterns(name, patterns, name.equals("legal-suffix"))));
        for (Lexicon.Entry e : dataTypes.entries()) {
            opp115.put(AttributeType.DATA_TYPE.id() + "=" + e.value(), e.column(1));
        }
        for (Lexicon.Entry e : recipients.entries()) {
            opp115.put(AttributeType.THIRD_PARTY.id() + "=" + e.value(), e.column(1));
            recipientKinds.add(e.value());
        }
        for (Lexicon.Entry e : purposes.entries()) {
            opp115.put(AttributeType.PURPOSE.id() + "=" + e.value(), e.column(1));
        }
        for (Lexicon.Entry e : rights.entries()) {
            rightArticles.put(e.value(), e.column(1));
        }
        List<String> words = new ArrayList<>();
        for (String[] row : Lexicon.rows("numbers.tsv", 2)) {
            int v = Integer.parseInt(row[1]);
            if (v >= 5 && v <= 21) {
                // Plain words unquoted, so that the age rule's literal filter can read the pattern.
                words.add(row[0].matches("[a-z]+(?:-[a-z]+)*") ? row[0] : Pattern.quote(row[0]));
            }
        }
        words.sort(Comparator.comparingInt(String::length).reversed());
        agePattern = Pattern.compile(AGE.pattern().replace("NUMBERS", String.join("|", words)), AGE.flags());
        ageFilter = LiteralFilter.of(agePattern.pattern());
        ageNumberFilter = LiteralFilter.of(String.join("|", words));
        ageLead = LeadingChars.of(agePattern);
        practiceCue = cue("practice");
        negationCue = cue("negation");
        legalSuffixCue = cue("legal-suffix");
        conditionalCue = cue("conditional");
        purposeMarkers = cue("purpose-marker");
        legalBasisContext = cue("legal-basis-context");
        retentionContext = cue("retention-context");
        retentionNoise = cue("retention-noise");
        parentalCue = cue("parental");
        minorNouns = cue("minor-noun");
        orgIntro = cue("org-intro");
        modalCues = List.of(Map.entry(Clause.Modality.MAY, cue(Clause.Modality.MAY.label())),
                Map.entry(Clause.Modality.WILL, cue(Clause.Modality.WILL.label())),
                Map.entry(Clause.Modality.MUST, cue(Clause.Modality.MUST.label())));
        List<Lexicon> scanned = new ArrayList<>(List.of(dataTypes, purposes, retentionKinds, rights, legalBases,
                safeguards, contacts, brands, recipients, purposeMarkers, legalBasisContext, retentionContext,
                retentionNoise, parentalCue, orgIntro));
        modalCues.forEach(e -> scanned.add(e.getValue()));
        clauseScanner = new Lexicon.Scanner(scanned, List.of(EMAIL_FILTER, POSTAL_FILTER, URL_OR_EMAIL_FILTER,
                ageFilter, ageNumberFilter, Durations.PERIOD_FILTER));
    }

    /** The extractor with the lexicons and the polarity model bundled with policyminer. */
    public static Extractor bundled() {
        return Holder.BUNDLED;
    }

    /** The extractor with the bundled lexicons whose polarity comes from the rules alone (no learned model). */
    public static Extractor rulesOnly() {
        return Holder.RULES;
    }

    private static final class Holder {
        static final Extractor BUNDLED = new Extractor(PolarityModel.bundled().orElse(null));
        static final Extractor RULES = new Extractor(null);
    }

    /**
     * Adds attributes, polarity and modality to every clause of one document.
     *
     * @param docId   the document's id (its file name or URL names the first party, whose name is not a third party)
     * @param title   the document's title, or null
     * @param text    the document's clean text, which the clauses' offsets refer to
     * @param clauses the document's clauses, in order
     * @return the clauses, in the same order, each carrying its attributes
     */
    public List<Clause> extract(String docId, String title, String text, List<Clause> clauses) {
        Set<String> firstParty = firstPartyNames(docId, title, clauses);
        List<Analysed> out = new ArrayList<>(clauses.size());
        SectionCues section = null;
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            String next = i + 1 < clauses.size() ? clauses.get(i + 1).text() : "";
            // Consecutive clauses mostly share their section: what the rules read of it is read once.
            section = sectionCues(c, section);
            out.add(analyse(c, text, next, Surroundings.of(c, clauses, text), firstParty, section));
        }
        return withLearnedPolarity(out, clauses);
    }

    /** Extracts from a single clause, as {@link #extract} does, with no first-party names and no next clause. */
    public Clause extract(Clause clause, String text) {
        return withLearnedPolarity(List.of(analyse(clause, text, "", Surroundings.NONE, Set.of(),
                sectionCues(clause, null))), List.of(clause)).get(0);
    }

    /**
     * What the rules read of a clause's section path: the path joined, whether it names retention, whether it
     * holds a legal-basis cue.
     */
    private record SectionCues(String path, boolean retention, boolean legalBasis) {
    }

    /** The section cues of a clause; {@code previous} (a former clause's, or null) when its path is the same. */
    private SectionCues sectionCues(Clause c, SectionCues previous) {
        String path = String.join(" / ", c.sectionPath());
        if (previous != null && previous.path().equals(path)) {
            return previous;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        // The pattern cannot match without one of its words: most sections have none, and it is not run on them.
        boolean retention = RETENTION_SECTION_WORDS.stream().anyMatch(lower::contains)
                && RETENTION_SECTION.matcher(lower).matches();
        return new SectionCues(path, retention, legalBasisContext.matchesAnywhere(path));
    }

    /** An analysed clause (its polarity from the rules) and what the polarity model reads of it. */
    private record Analysed(Clause clause, PolarityModel.Unit unit) {
    }

    /**
     * The clauses with the polarity model's decisions in place of the rules', decided group by group
     * ({@link PolarityModel#groups}); the rules' own when there is no model.
     */
    private List<Clause> withLearnedPolarity(List<Analysed> analysed, List<Clause> clauses) {
        List<Clause> out = new ArrayList<>(analysed.size());
        for (Analysed a : analysed) {
            out.add(a.clause());
        }
        if (polarityModel == null) {
            return out;
        }
        List<Clause.Polarity> polarities = polarityModel.decideAll(clauses,
                analysed.stream().map(Analysed::unit).toList());
        for (int i = 0; i < out.size(); i++) {
            Clause c = out.get(i);
            out.set(i, c.withStatement(c.attributes(), polarities.get(i), c.modality()));
        }
        return out;
    }

    /**
     * What surrounds a clause in its document, for the polarity model: the sentence that introduces its list ("" for
     * a sentence), and its neighbours: the texts of the previous and next clauses and of the rest of its paragraph (an OPP-115
     * annotator reads a practice at the scale of a paragraph).
     */
    public record Surroundings(String leadIn, List<String> neighbours) {
        static final Surroundings NONE = new Surroundings("", List.of());

        public Surroundings {
            neighbours = List.copyOf(neighbours);
        }

        /** At most this many clauses of the paragraph on each side. */
        private static final int PARAGRAPH_REACH = 5;

        /** The surroundings of a clause among its document's clauses (in order, ids = positions) and clean text. */
        public static Surroundings of(Clause c, List<Clause> clauses, String text) {
            int id = c.leadInId();
            String leadIn = id >= 0 && id < clauses.size() && clauses.get(id).id() == id ? clauses.get(id).text() : "";
            int i = c.id();
            if (i < 0 || i >= clauses.size() || clauses.get(i).id() != i) {
                return new Surroundings(leadIn, List.of());
            }
            int from = i > 0 ? i - 1 : i;
            while (from > 0 && i - from < PARAGRAPH_REACH && sameParagraph(clauses.get(from - 1), clauses.get(from), text)) {
                from--;
            }
            int to = i + 1 < clauses.size() ? i + 1 : i;
            while (to + 1 < clauses.size() && to - i < PARAGRAPH_REACH
                    && sameParagraph(clauses.get(to), clauses.get(to + 1), text)) {
                to++;
            }
            List<String> neighbours = new ArrayList<>(to - from);
            for (int k = from; k <= to; k++) {
                if (k != i) {
                    neighbours.add(clauses.get(k).text());
                }
            }
            return new Surroundings(leadIn, neighbours);
        }

        /** Whether two consecutive clauses share a paragraph: no line break between them. */
        private static boolean sameParagraph(Clause a, Clause b, String text) {
            return a.end() <= b.start() && b.start() <= text.length() && text.indexOf('\n', a.end(), b.start()) < 0;
        }
    }

    /** The OPP-115 value an attribute corresponds to, when the corpus has one. */
    public java.util.Optional<String> opp115Value(String type, String value) {
        if (type.equals(AttributeType.THIRD_PARTY.id()) && !recipientKinds.contains(value)) {
            return java.util.Optional.of("Named third party");
        }
        if (type.equals(AttributeType.RETENTION.id())) {
            if (value.equals("indefinitely")) {
                return java.util.Optional.of("Indefinitely");
            }
            return java.util.Optional.of(value.contains("P") && Character.isUpperCase(value.charAt(value.length() - 1))
                    && !value.startsWith("as-") && !value.startsWith("until") ? "Stated Period" : "Limited");
        }
        return java.util.Optional.ofNullable(opp115.get(type + "=" + value));
    }

    /** Whether a third-party value names an organisation rather than a kind of recipient. */
    public boolean isNamedThirdParty(String value) {
        return !recipientKinds.contains(value);
    }

    private Analysed analyse(Clause c, String docText, String nextClause, Surroundings around, Set<String> firstParty,
                             SectionCues section) {
        String s = c.text();
        Lexicon.Scan scan = clauseScanner.scan(s);
        int base = c.start();
        List<Attribute> attrs = new ArrayList<>();
        List<Tok> toks = tokens(c, docText);
        boolean practice = hasPracticeVerb(toks);

        for (Lexicon.Match m : dataTypes.findAll(scan)) {
            attrs.add(attr(AttributeType.DATA_TYPE, m.entry().value(), m.start(), m.end(), s, base));
        }
        if (practice && purposeMarkers.matchesAnywhere(scan)) {
            for (Lexicon.Match m : purposes.findAll(scan)) {
                attrs.add(attr(AttributeType.PURPOSE, m.entry().value(), m.start(), m.end(), s, base));
            }
        }
        retention(scan, section.retention(), base, attrs);
        ages(scan, base, toks, attrs);
        rights(scan, nextClause, base, attrs);
        boolean basisContext = legalBasisContext.matchesAnywhere(scan) || section.legalBasis();
        for (Lexicon.Match m : legalBases.findAll(scan)) {
            if (basisContext || m.entry().column(1).equals("no")) {
                attrs.add(attr(AttributeType.LEGAL_BASIS, m.entry().value(), m.start(), m.end(), s, base));
            }
        }
        for (Lexicon.Match m : safeguards.findAll(scan)) {
            attrs.add(attr(AttributeType.TRANSFER_SAFEGUARD, m.entry().value(), m.start(), m.end(), s, base));
        }
        contacts(scan, base, attrs);
        thirdParties(scan, base, toks, firstParty, attrs);

        attrs.sort(Comparator.comparingInt(Attribute::start).thenComparing(Attribute::type));
        Clause.Modality modality = modality(toks, s, scan);
        List<String> cues = new ArrayList<>();
        Clause.Polarity polarity = polarity(toks, cues);
        return new Analysed(c.withStatement(attrs, polarity, modality), unit(c, around, attrs, polarity, modality, cues));
    }

    /**
     * What the learned polarity model reads of a clause that has been through {@link #extract}: its words, context
     * and the rules' cues. The evaluation uses it to train and apply models of its own folds.
     *
     * @param clause  an extracted clause (its attributes are cues)
     * @param docText the document's clean text
     * @param around  the clause's lead-in and neighbours
     */
    public PolarityModel.Unit polarityUnit(Clause clause, String docText, Surroundings around) {
        List<Tok> toks = tokens(clause, docText);
        List<String> cues = new ArrayList<>();
        Clause.Polarity rules = polarity(toks, cues);
        return unit(clause, around, clause.attributes(), rules, modality(toks, clause.text(), null), cues);
    }

    /** The rules' polarity as this extractor decides it, without the learned model. */
    public Clause.Polarity rulePolarity(Clause clause, String docText) {
        return polarity(tokens(clause, docText), new ArrayList<>());
    }

    private static PolarityModel.Unit unit(Clause c, Surroundings around, List<Attribute> attrs, Clause.Polarity rules,
                                           Clause.Modality modality, List<String> cues) {
        List<String> all = new ArrayList<>(cues);
        all.add("rule=" + (rules == null ? "none" : rules.label()));
        all.add("modality=" + modality.label());
        all.add("kind=" + c.kind().name().toLowerCase(Locale.ROOT));
        for (Attribute a : attrs) {
            all.add("has=" + a.type());
        }
        String context = around.leadIn() + " " + String.join(" ", c.sectionPath());
        return new PolarityModel.Unit(c.text(), context, around.neighbours(), all);
    }

    private Lexicon cue(String name) {
        Lexicon l = cues.get(name);
        if (l == null) {
            throw new IllegalStateException("cues.tsv has no list " + name);
        }
        return l;
    }

    private static Attribute attr(AttributeType type, String value, int start, int end, String clause, int base) {
        return new Attribute(type.id(), value, base + start, base + end, clause.substring(start, end));
    }

    // ---------------------------------------------------------------- third parties

    private void thirdParties(Lexicon.Scan scan, int base, List<Tok> toks, Set<String> firstParty,
                              List<Attribute> attrs) {
        String s = scan.text();
        List<int[]> urls = new ArrayList<>();
        if (scan.mayMatch(URL_OR_EMAIL_FILTER)) {
            Matcher um = URL_OR_EMAIL.matcher(s);
            while (um.find()) {
                urls.add(new int[] {um.start(), um.end()});
            }
        }
        List<Attribute> named = new ArrayList<>();
        for (Lexicon.Match m : brands.findAll(scan)) {
            if (inside(urls, m.start(), m.end()) || isFirstParty(m.entry().value(), firstParty)
                    || DATA_TYPE_AFTER_BRAND.matcher(s.substring(m.end())).find()) {
                continue;
            }
            int end = extendName(s, m.end(), toks, base);
            named.add(attr(AttributeType.THIRD_PARTY, m.entry().value(), m.start(), end, s, base));
        }
        for (int[] span : organisations(scan, base, toks)) {
            // A capitalised phrase another lexicon already explains ("we use SCCs") is not an organisation.
            if (inside(urls, span[0], span[1]) || overlapsAny(named, span[0] + base, span[1] + base)
                    || overlapsAny(attrs, span[0] + base, span[1] + base)) {
                continue;
            }
            String value = slug(s.substring(span[0], span[1]));
            if (value.isEmpty() || isFirstParty(value, firstParty)) {
                continue;
            }
            named.add(attr(AttributeType.THIRD_PARTY, value, span[0], span[1], s, base));
        }
        attrs.addAll(named);
        for (Lexicon.Match m : recipients.findAll(scan)) {
            if (!overlapsAny(named, m.start() + base, m.end() + base)) {
                attrs.add(attr(AttributeType.THIRD_PARTY, m.entry().value(), m.start(), m.end(), s, base));
            }
        }
    }

    /** Extends a brand mention over following capitalised words and a legal suffix ("Google Tag Manager", "Facebook, Inc."). */
    private int extendName(String s, int end, List<Tok> toks, int base) {
        int e = end;
        for (Tok t : toks) {
            if (t.start - base < e) {
                continue;
            }
            String between = s.substring(e, t.start - base);
            boolean adjacent = between.isEmpty() || between.equals(" ") || between.equals(", ");
            if (!adjacent) {
                break;
            }
            boolean suffix = t.suffix();
            boolean capital = Character.isUpperCase(t.text().charAt(0)) && t.pos.equals("PROPN") && between.equals(" ");
            if (suffix || capital) {
                e = t.end - base;
                if (suffix && e < s.length() && s.charAt(e) == '.' && !t.text().endsWith(".")) {
                    e++;
                }
            } else {
                break;
            }
        }
        return e;
    }


    /**
     * Spans of organisation names the brand list does not know: a run of proper nouns followed by a legal suffix
     * ("Market Resource Partners, LLC"), or introduced by "operated by", "provided by", ... .
     */
    private List<int[]> organisations(Lexicon.Scan scan, int base, List<Tok> toks) {
        String s = scan.text();
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            if (!toks.get(i).suffix() || i == 0) {
                continue;
            }
            int j = i - 1;
            if (toks.get(j).text().equals(",")) {
                j--;
            }
            int first = -1;
            while (j >= 0 && (isNameWord(toks.get(j)) || isCompanyWord(toks.get(j))) && i - j <= 6) {
                first = j;
                j--;
            }
            if (first >= 0) {
                int end = toks.get(i).end - base;
                if (end < s.length() && s.charAt(end) == '.' && !toks.get(i).text().endsWith(".")) {
                    end++;
                }
                spans.add(new int[] {toks.get(first).start - base, end});
            }
        }
        for (Lexicon.Match m : orgIntro.findAll(scan)) {
            int i = 0;
            while (i < toks.size() && toks.get(i).start - base < m.end()) {
                i++;
            }
            int startTok = i;
            if (i < toks.size() && QUOTE.contains(toks.get(i).text())) {
                startTok = ++i;
            }
            while (i < toks.size() && isNameWord(toks.get(i)) && i - startTok < 5) {
                i++;
            }
            // A lone short acronym after "we use" is usually a technology ("SSL", "TLS"), not an organisation.
            boolean acronym = i == startTok + 1 && toks.get(startTok).text().length() <= 4
                    && toks.get(startTok).text().equals(toks.get(startTok).text().toUpperCase(Locale.ROOT));
            if (i > startTok && !acronym) {
                int end = toks.get(i - 1).end - base;
                spans.add(new int[] {toks.get(startTok).start - base, end});
            }
        }
        return spans;
    }

    private boolean isNameWord(Tok t) {
        if (t.text().isEmpty() || !Character.isUpperCase(t.text().codePointAt(0))) {
            return false;
        }
        boolean allCaps = t.text().length() > 1 && t.text().equals(t.text().toUpperCase(Locale.ROOT));
        // The tagger is unreliable on capitals-only names ("LITE PAY COMPANY LIMITED"): trust the shape there.
        if (!allCaps && !(t.pos.equals("PROPN") || t.pos.equals("X") || t.pos.equals("NOUN") || t.pos.equals("ADJ"))) {
            return false;
        }
        return !GENERIC_CAPITALS.contains(t.text().toLowerCase(Locale.ROOT)) && !t.suffix();
    }

    private static final Set<String> COMPANY_WORD = Set.of("company", "corporation", "group", "holdings",
            "technologies", "international");
    private static final Set<String> QUOTE = Set.of("\"", "“", "”", "'");

    private static boolean isCompanyWord(Tok t) {
        return COMPANY_WORD.contains(t.lower());
    }

    // The patterns of slug and firstPartyNames, compiled once instead of at every call (String.replaceAll, split).
    private static final Pattern SLUG_SEPARATOR = Pattern.compile("[\\s,]+");
    private static final Pattern SLUG_QUOTES = Pattern.compile("^[(\"“]+|[)\"”.]+$");
    private static final Pattern SLUG_DOMAIN = Pattern.compile("\\.(com|org|net|io)$");
    private static final Pattern SLUG_NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SLUG_HYPHENS = Pattern.compile("-+");
    private static final Pattern SLUG_EDGE_HYPHEN = Pattern.compile("^-|-$");
    private static final Pattern ID_EXTENSION = Pattern.compile("(?i)\\.(txt|html?|md|pdf)$");
    private static final Pattern ID_DOMAIN = Pattern.compile("(?i)\\.(com|org|net|edu|gov|co|io)\\b.*");
    private static final Pattern NOT_A_NAME = Pattern.compile("\\d+|privacy|policy|personal|data|notice"
            + "|statement|protection|cookie|cookies|terms|legal|http|https|www");

    /** A normalised organisation value: lower-case words without legal suffixes and place names, hyphen-joined. */
    static String slug(String name) {
        List<String> words = new ArrayList<>();
        for (String w : SLUG_SEPARATOR.split(name.toLowerCase(Locale.ROOT))) {
            String bare = SLUG_QUOTES.matcher(w).replaceAll("");
            if (bare.isEmpty() || NAME_STOPWORDS.contains(bare) || NAME_STOPWORDS.contains(w)) {
                continue;
            }
            words.add(SLUG_NON_WORD.matcher(SLUG_DOMAIN.matcher(bare).replaceAll("")).replaceAll("-"));
        }
        return SLUG_EDGE_HYPHEN.matcher(SLUG_HYPHENS.matcher(String.join("-", words)).replaceAll("-")).replaceAll("");
    }

    private static boolean inside(List<int[]> spans, int start, int end) {
        for (int[] s : spans) {
            if (start >= s[0] && end <= s[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlapsAny(List<Attribute> attrs, int start, int end) {
        for (Attribute a : attrs) {
            if (start < a.end() && a.start() < end) {
                return true;
            }
        }
        return false;
    }

    /** {@code New Orleans Tourism Marketing Corporation ("NOTMC" or "We")}: a name, maybe an abbreviation, and "we". */
    static final Pattern DEFINITION = Pattern.compile(
            "((?:\\p{Lu}[\\p{L}\\p{N}.&'-]*\\s+){0,5}\\p{Lu}[\\p{L}\\p{N}.&'-]*),?\\s*\\((?:[^)]{0,30}?[“\"](\\p{Lu}[\\p{L}\\p{N}.&-]*)[”\"],?\\s*(?:or|and|,)\\s*)?[^)]{0,10}?[“\"](?:we|We|us|Us|our|Our)\\b");

    /** {@code “Altoros”, “we,” and “us”}: a capitalised name that "we" refers to. */
    static final Pattern SELF_DEFINITION = Pattern.compile(
            "[“\"]?(\\p{Lu}[\\p{L}\\p{N}.-]+)[”\"]?,?\\s*(?:\\(|,)?\\s*(?:[“\"]|hereinafter|also)[^.]{0,40}?\\b(?:we|us|our)\\b");
    static final LeadingChars DEFINITION_LEAD = LeadingChars.of(DEFINITION);
    static final LeadingChars SELF_DEFINITION_LEAD = LeadingChars.of(SELF_DEFINITION);

    /**
     * Adds to {@code names} the candidates the text writes with a capital: its words (runs of letters, numbers,
     * full stops and hyphens, as a split at {@code [^\p{L}\p{N}.-]+} gives them) that start with an upper-case
     * letter and, lower-cased without trailing full stops, are candidates ({@code lengths}: their lengths).
     */
    private static void capitalisedCandidates(String text, Set<String> candidates, boolean[] lengths,
                                              Set<String> names) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int start = i;
            boolean ascii = true;
            while (i < n) {
                int cp = text.codePointAt(i);
                if (!isNameWordChar(cp)) {
                    break;
                }
                ascii &= cp < 128;
                i += Character.charCount(cp);
            }
            int bare = i;
            while (bare > start && text.charAt(bare - 1) == '.') {
                bare--;
            }
            // Lower-casing keeps an ASCII word's length.
            boolean mayBeCandidate = !ascii || bare - start < lengths.length && lengths[bare - start];
            if (i > start && mayBeCandidate && Character.isUpperCase(text.charAt(start))) {
                String lower = withoutTrailingDots(text.substring(start, i).toLowerCase(Locale.ROOT));
                if (candidates.contains(lower)) {
                    names.add(lower);
                }
            }
            if (i == start) {
                i += Character.charCount(text.codePointAt(i));
            }
        }
    }

    /** A character of a name word: {@code [\p{L}\p{N}.-]}. */
    private static boolean isNameWordChar(int cp) {
        if (cp < 128) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '.' || cp == '-';
        }
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Whether a text holds what every self-definition needs: a quotation mark, "hereinafter" or "also". */
    private static boolean mayDefineSelf(String text) {
        return text.indexOf('"') >= 0 || text.indexOf('“') >= 0 || text.contains("hereinafter") || text.contains("also");
    }

    /** The word without its trailing full stops ("Inc." -> "inc"). */
    private static String withoutTrailingDots(String w) {
        int end = w.length();
        while (end > 0 && w.charAt(end - 1) == '.') {
            end--;
        }
        return w.substring(0, end);
    }

    /** Whether an organisation value names the policy's own organisation. */
    static boolean isFirstParty(String value, Set<String> firstParty) {
        if (firstParty.contains(value) || firstParty.contains(value.split("-")[0])) {
            return true;
        }
        for (String word : value.split("-")) {
            // "American Honda Motor Co." on honda.com: a distinctive word of the policy's own name.
            if (word.length() >= 4 && (firstParty.contains(word) || firstParty.contains("host:" + word))) {
                return true;
            }
        }
        String squashed = value.replace("-", "");
        if (squashed.length() < 4) {
            return false;
        }
        for (String f : firstParty) {
            if (f.startsWith("host:") && f.length() >= 9 && (f.substring(5).equals(squashed)
                    || f.substring(5).startsWith(squashed) || squashed.startsWith(f.substring(5)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names of the policy's own organisation: words of the document id and title that the text also writes with a
     * capital, and names a definition like {@code “Altoros”, “we,” and “us” refer to} introduces.
     */
    Set<String> firstPartyNames(String docId, String title, List<Clause> clauses) {
        Set<String> candidates = new LinkedHashSet<>();
        String source = (docId == null ? "" : ID_DOMAIN.matcher(ID_EXTENSION.matcher(docId).replaceAll("")).replaceAll(""))
                + " " + (title == null ? "" : title);
        for (String w : SLUG_NON_WORD.split(source.toLowerCase(Locale.ROOT))) {
            if (w.length() >= 3 && !GENERIC_CAPITALS.contains(w) && !NOT_A_NAME.matcher(w).matches()) {
                candidates.add(w);
            }
        }
        Set<String> names = new HashSet<>();
        // The lengths of the candidates: an ASCII word of another length is not lower-cased and looked up.
        boolean[] lengths = new boolean[candidates.stream().mapToInt(String::length).max().orElse(0) + 1];
        candidates.forEach(w -> lengths[w.length()] = true);
        for (Clause c : clauses) {
            String text = c.text();
            if (!candidates.isEmpty()) {
                capitalisedCandidates(text, candidates, lengths, names);
            }
            if (c.id() < 40 && mayDefineSelf(text)) {
                Matcher m = SELF_DEFINITION.matcher(text);
                if (SELF_DEFINITION_LEAD.find(m, text, 0)) {
                    String w = withoutTrailingDots(m.group(1).toLowerCase(Locale.ROOT));
                    if (!GENERIC_CAPITALS.contains(w)) {
                        names.add(w);
                    }
                }
            }
        }
        for (int i = 0; i < Math.min(40, clauses.size()); i++) {
            String text = clauses.get(i).text();
            // Every definition holds "(" and a quotation mark before its "we".
            if (text.indexOf('(') < 0 || text.indexOf('"') < 0 && text.indexOf('“') < 0) {
                continue;
            }
            Matcher m = DEFINITION.matcher(text);
            for (int from = 0; DEFINITION_LEAD.find(m, text, from); from = m.end()) {
                names.add(m.group(1));
                if (m.group(2) != null) {
                    names.add(m.group(2));
                }
            }
        }
        Set<String> slugs = new HashSet<>();
        for (String n : names) {
            slugs.add(slug(n));
        }
        slugs.remove("");
        for (String host : candidates) {
            slugs.add("host:" + host);
        }
        return slugs;
    }

    // ---------------------------------------------------------------- retention

    private static final Pattern RETENTION_SECTION = Pattern.compile(".*\\b(retention|retain|storage|store|keep|how long).*");
    private static final List<String> RETENTION_SECTION_WORDS = List.of("retention", "retain", "storage", "store", "keep",
            "how long");

    private void retention(Lexicon.Scan scan, boolean sectionContext, int base, List<Attribute> attrs) {
        String s = scan.text();
        boolean context = retentionContext.matchesAnywhere(scan);
        if (!context && !sectionContext) {
            return;
        }
        List<Attribute> found = new ArrayList<>();
        for (Lexicon.Match m : retentionKinds.findAll(scan)) {
            found.add(attr(AttributeType.RETENTION, m.entry().value(), m.start(), m.end(), s, base));
        }
        if (context && !retentionNoise.matchesAnywhere(scan) && scan.mayMatch(Durations.PERIOD_FILTER)) {
            for (Durations.Period p : Durations.periods(s)) {
                if (!overlapsAny(found, p.start() + base, p.end() + base)) {
                    found.add(attr(AttributeType.RETENTION, p.value(), p.start(), p.end(), s, base));
                }
            }
        }
        attrs.addAll(found);
    }

    // ---------------------------------------------------------------- ages

    private void ages(Lexicon.Scan scan, int base, List<Tok> toks, List<Attribute> attrs) {
        String s = scan.text();
        boolean parental = parentalCue.matchesAnywhere(scan);
        String flag = parental ? " parental-consent" : "";
        boolean numeric = false;
        boolean mayMatch = scan.mayMatch(ageFilter) && (scan.mayMatch(ageNumberFilter) || hasAsciiDigit(s));
        Matcher m = agePattern.matcher(s);
        for (int from = 0; mayMatch && ageLead.find(m, s, from); from = m.end()) {
            String n = m.group("n") != null ? m.group("n") : m.group("n2");
            java.math.BigDecimal value = Durations.number(n);
            if (value == null) {
                continue;
            }
            int age = value.intValue();
            if (age < 5 || age > 21 || NOT_AN_AGE_AFTER.matcher(s.substring(m.end())).find()
                    || NOT_AN_AGE_BEFORE.matcher(s.substring(0, m.start())).find()) {
                continue;
            }
            attrs.add(attr(AttributeType.AGE, age + flag, m.start(), m.end(), s, base));
            numeric = true;
        }
        if (numeric) {
            return;
        }
        for (Tok t : toks) {
            // "minor" is a child only as a noun: "minor changes" is not.
            if (t.pos.equals("NOUN") || t.pos.equals("PROPN") || t.pos.equals("X")) {
                if (t.mayBe(minorNouns, false) && minorNouns.matchesExactly(t.text())) {
                    attrs.add(attr(AttributeType.AGE, "minor" + flag, t.start - base, t.end - base, s, base));
                }
            }
        }
    }

    // ---------------------------------------------------------------- rights

    /** A clause ending where a citation starts ("... (Art."): the sentence detector cut the citation off. */
    private static final Pattern CUT_CITATION = Pattern.compile("(?s).*\\b(?:Art|Arts|Article|Section|Sec|§)\\.?\\s*$");

    private void rights(Lexicon.Scan scan, String next, int base, List<Attribute> attrs) {
        String s = scan.text();
        List<Lexicon.Match> found = rights.findAll(scan);
        if (found.isEmpty()) {
            return;
        }
        // A citation split off by the sentence detector ("... (Art." + "16 GDPR)") belongs to this clause.
        String citationText = CUT_CITATION.matcher(s).matches() ? s + " " + next : s;
        List<String> articles = new ArrayList<>();
        Matcher am = GDPR_ARTICLE.matcher(citationText);
        while (am.find()) {
            articles.add("GDPR Art. " + am.group("n") + (am.group("p") != null ? "(" + am.group("p") + ")" : ""));
        }
        List<String> sections = new ArrayList<>();
        Matcher cm = CCPA_SECTION.matcher(citationText);
        while (cm.find()) {
            sections.add("CCPA " + cm.group("n"));
        }
        List<String> citations = new ArrayList<>(articles);
        citations.addAll(sections);
        for (Lexicon.Match m : found) {
            String right = m.entry().value();
            String standard = rightArticles.get(right);
            String cited = null;
            if (citations.contains(standard)) {
                cited = standard;
            } else if (found.size() == 1 && citations.size() == 1) {
                cited = citations.get(0);
            } else if (standard != null && standard.startsWith("GDPR Art. ")) {
                String article = standard.replaceAll("\\(.*", "");
                for (String c : articles) {
                    if (c.replaceAll("\\(.*", "").equals(article)) {
                        cited = c;
                    }
                }
            }
            String value = cited == null ? right : right + " (" + cited + ")";
            attrs.add(attr(AttributeType.RIGHT, value, m.start(), m.end(), s, base));
        }
    }

    // ---------------------------------------------------------------- contacts

    private void contacts(Lexicon.Scan scan, int base, List<Attribute> attrs) {
        String s = scan.text();
        List<Attribute> found = new ArrayList<>();
        Matcher m = EMAIL.matcher(scan.mayMatch(EMAIL_FILTER) ? s : "");
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && s.charAt(end - 1) == '.') {
                end--;
            }
            found.add(attr(AttributeType.CONTACT, "email", m.start(), end, s, base));
        }
        Matcher p = POSTAL.matcher(s);
        for (int from = 0; scan.mayMatch(POSTAL_FILTER) && POSTAL_LEAD.find(p, s, from); from = p.end()) {
            found.add(attr(AttributeType.CONTACT, "postal-address", p.start(), p.end(), s, base));
        }
        for (Lexicon.Match c : contacts.findAll(scan)) {
            if (!overlapsAny(found, c.start() + base, c.end() + base)) {
                found.add(attr(AttributeType.CONTACT, c.entry().value(), c.start(), c.end(), s, base));
            }
        }
        attrs.addAll(found);
    }

    // ---------------------------------------------------------------- polarity and modality

    /**
     * A token with its text, for rules. The rules ask the same token several times whether it is a practice verb,
     * a negation or a legal suffix: each answer is looked up in its cue list once, when first asked.
     */
    private final class Tok {
        final int start;
        final int end;
        final String pos;
        /** A text that holds the token, and where that text starts in the document. */
        private final String source;
        private final int offset;
        private String text;
        private String lower;
        private Boolean practice;
        private Boolean negation;
        private Boolean suffix;

        Tok(int start, int end, String source, int offset, String pos) {
            this.start = start;
            this.end = end;
            this.source = source;
            this.offset = offset;
            this.pos = pos;
        }

        /**
         * The token as written, taken from the text when first asked: most tokens are asked only about their first
         * characters.
         */
        String text() {
            if (text == null) {
                text = source.substring(start - offset, end - offset);
            }
            return text;
        }

        /** The token lower-cased ({@link Locale#ROOT}). */
        String lower() {
            if (lower == null) {
                lower = text().toLowerCase(Locale.ROOT);
            }
            return lower;
        }

        /**
         * Whether the word (as written, or lower-cased) may be one of a lexicon's: false only when no row of the
         * lexicon matches a word starting with its first characters, which costs neither a substring nor a lookup.
         */
        boolean mayBe(Lexicon lexicon, boolean lowerCased) {
            if (end <= start) {
                return true;
            }
            return lexicon.mayMatchWordAt(source, start - offset, lowerCased);
        }

        /** Whether the word is one of a practice verb's forms ("collect", "shared"), whatever its tag. */
        boolean practiceWord() {
            if (practice == null) {
                practice = mayBe(practiceCue, true) && practiceCue.matchesExactly(lower());
            }
            return practice;
        }

        /** Whether the word is a negation ("not", "never", "no"). */
        boolean negation() {
            if (negation == null) {
                negation = mayBe(negationCue, true) && negationCue.matchesExactly(lower());
            }
            return negation;
        }

        /** Whether the word is a legal suffix of a company name ("Inc", "GmbH"); case matters. */
        boolean suffix() {
            if (suffix == null) {
                suffix = mayBe(legalSuffixCue, false) && legalSuffixCue.matchesExactly(text());
            }
            return suffix;
        }
    }

    private static final Pattern FALLBACK_TOKEN = Pattern.compile("n't|[\\p{L}\\p{N}]+(?:['’.-][\\p{L}\\p{N}]+)*|\\S");

    private List<Tok> tokens(Clause c, String docText) {
        List<Tok> out = new ArrayList<>(c.tokens().size());
        if (!c.tokens().isEmpty()) {
            for (Token t : c.tokens()) {
                out.add(new Tok(t.start(), t.end(), docText, 0, t.pos()));
            }
            return out;
        }
        // Clauses annotated without tokens still get rules; without tags, every word may play any role.
        Matcher m = FALLBACK_TOKEN.matcher(c.text());
        while (m.find()) {
            out.add(new Tok(c.start() + m.start(), c.start() + m.end(), c.text(), c.start(), "X"));
        }
        return out;
    }

    private boolean isPracticeVerb(Tok t) {
        boolean verb = t.pos.equals("VERB") || t.pos.equals("X");
        return verb && t.practiceWord();
    }

    private boolean hasPracticeVerb(List<Tok> toks) {
        for (Tok t : toks) {
            if (isPracticeVerb(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rules' polarity, which is also a cue of the learned model; {@code cues} collects what the rules saw (practice
     * verbs, negations, and why a negation was set aside).
     * Does when the clause states a practice, does-not when a practice verb is in the scope of a negation ("we do not
     * knowingly collect", "no personal data is shared"), null when it states none. Negations inside a condition ("if
     * you do not agree") and "not only" do not count.
     */
    private Clause.Polarity polarity(List<Tok> toks, List<String> cues) {
        boolean any = false;
        boolean negated = false;
        for (Tok t : toks) {
            if (t.negation()) {
                cues.add("negation=" + t.lower());
            }
        }
        for (int i = 0; i < toks.size(); i++) {
            if (!isPracticeVerb(toks.get(i))) {
                continue;
            }
            any = true;
            cues.add("verb=" + toks.get(i).lower());
            boolean crossedNounPhrase = false;
            for (int j = i - 1; j >= 0 && i - j <= 8; j--) {
                Tok t = toks.get(j);
                if (t.negation()) {
                    boolean determiner = t.lower().equals("no") || t.lower().equals("none") || t.lower().equals("nothing")
                            || t.lower().equals("neither") || t.lower().equals("nobody");
                    boolean notOnly = j + 1 < toks.size() && ONLY.contains(toks.get(j + 1).lower());
                    // Why a negation before the verb is set aside is itself evidence for the learned model.
                    if (notOnly) {
                        cues.add("set-aside=not-only");
                    } else if (crossedNounPhrase && !determiner) {
                        cues.add("set-aside=noun-phrase");
                    } else if (notThePractice(toks, j)) {
                        cues.add("set-aside=not-the-practice");
                    } else if (insideCondition(toks, j, conditionalCue)) {
                        cues.add("set-aside=condition");
                    } else {
                        cues.add("negated-verb=" + toks.get(i).lower());
                        negated = true;
                    }
                    break;
                }
                String pos = t.pos;
                if (pos.equals("PUNCT") || SCOPE_END.contains(t.lower())) {
                    break;
                }
                if (pos.equals("SCONJ") && !t.lower().equals("that")) {
                    break;
                }
                if (pos.equals("NOUN") || pos.equals("PROPN") || pos.equals("ADJ") || pos.equals("ADP")
                        || pos.equals("DET") || pos.equals("NUM")) {
                    crossedNounPhrase = true;
                }
                if (pos.equals("VERB") && !isPracticeVerb(t) && !KNOWINGLY.contains(t.lower())) {
                    // "we do not allow third parties to collect": the negation belongs to the other verb. Which verb
                    // it is ("allow", "want", "hesitate") is a cue of its own for the learned model.
                    cues.add("governed-by=" + t.lower());
                    break;
                }
            }
        }
        return negated ? Clause.Polarity.DOES_NOT : any ? Clause.Polarity.DOES : null;
    }

    // The words and tags the negation-scope rules stop at or set aside, asked of every token: sets, not patterns.
    private static final Set<String> ONLY = Set.of("only", "just", "merely", "limited");
    private static final Set<String> SCOPE_END = Set.of(",", ";", ":", "(", ")", "but", "unless", "if", "except",
            "however", "although");
    private static final Set<String> KNOWINGLY = Set.of("knowingly", "intentionally");
    private static final Set<String> RELATIVE_TAG = Set.of("PRON", "SCONJ", "DET", "X");
    private static final Set<String> CHOICE_VERB = Set.of("choose", "chose", "decide", "decided", "prefer", "wish",
            "want", "elect", "opt", "ask", "asks", "request", "agree", "prefers", "wishes", "wants", "chooses", "decides");
    private static final Set<String> RELATIVE = Set.of("that", "which", "who", "whom");
    private static final Set<String> USER = Set.of("you", "user", "users", "visitor", "visitors", "customer",
            "customers", "member", "members");

    /**
     * Whether a negation belongs to something other than the practice of the company or its partners: the user's
     * choice ("you can choose not to provide"), a description of data ("information that does not identify you"),
     * or what the user does ("if you do not provide").
     */
    private static boolean notThePractice(List<Tok> toks, int negation) {
        if (negation + 1 < toks.size() && toks.get(negation + 1).lower().equals("to")) {
            return true;
        }
        for (int j = negation - 1; j >= 0 && negation - j <= 3; j--) {
            String w = toks.get(j).lower();
            if (CHOICE_VERB.contains(w) || w.equals("to")) {
                return true;
            }
            if (RELATIVE.contains(w) && RELATIVE_TAG.contains(toks.get(j).pos)) {
                return true;
            }
            if (USER.contains(w)) {
                return true;
            }
            if (toks.get(j).pos.equals("PUNCT")) {
                break;
            }
        }
        return false;
    }

    private static boolean insideCondition(List<Tok> toks, int negation, Lexicon conditional) {
        for (int j = negation - 1; j >= 0; j--) {
            Tok t = toks.get(j);
            if (t.lower().equals(",") || t.lower().equals(";") || t.lower().equals(":")) {
                return false;
            }
            // "... when you use it and we will not store it": a coordinated clause with its own subject is not
            // part of the condition.
            if (t.pos.equals("CCONJ") && j + 1 < negation && toks.get(j + 1).pos.equals("PRON")) {
                return false;
            }
            if (conditional.matchesExactly(t.lower())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The modal force of the clause's first practice verb (or, when it has none, of its first modal): the nearest
     * modal expression among the few words before it.
     */
    private Clause.Modality modality(List<Tok> toks, String clause, Lexicon.Scan scan) {
        int verb = -1;
        for (int i = 0; i < toks.size(); i++) {
            if (isPracticeVerb(toks.get(i))) {
                verb = i;
                break;
            }
        }
        int base = toks.isEmpty() ? 0 : toks.get(0).start;
        int clauseStart = base;
        String window;
        if (verb >= 0) {
            int from = Math.max(0, verb - 6);
            window = clause.substring(Math.max(0, toks.get(from).start - clauseStart), toks.get(verb).start - clauseStart);
        } else {
            window = clause;
        }
        int best = -1;
        Clause.Modality modality = Clause.Modality.NONE;
        for (Map.Entry<Clause.Modality, Lexicon> cue : modalCues) {
            Clause.Modality candidate = cue.getKey();
            // The window is a part of the scanned clause (or all of it): the clause's scan rules rows out for it too.
            List<Lexicon.Match> found = scan == null ? cue.getValue().findAll(window)
                    : window == clause ? cue.getValue().findAll(scan) : cue.getValue().findAll(window, scan);
            for (Lexicon.Match m : found) {
                boolean better = verb >= 0 ? m.start() > best : (best < 0 || m.start() < best);
                if (better && (verb < 0 || !punctuated(window, m.end()))) {
                    best = m.start();
                    modality = candidate;
                }
            }
        }
        return modality;
    }

    /** Whether the text from {@code from} on holds a comma, semicolon or colon (a clause boundary after a modal). */
    private static boolean punctuated(String window, int from) {
        for (int i = from; i < window.length(); i++) {
            char c = window.charAt(i);
            if (c == ',' || c == ';' || c == ':') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAsciiDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
