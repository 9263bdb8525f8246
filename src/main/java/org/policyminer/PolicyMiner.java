package org.policyminer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.policyminer.classify.ClauseClassifier;
import org.policyminer.classify.LexiconClassifier;
import org.policyminer.classify.ModelClassifier;
import org.policyminer.clean.Cleaner;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Clause;
import org.policyminer.doc.Section;
import org.policyminer.doc.StructuredText;
import org.policyminer.extract.Extractor;
import org.policyminer.ingest.Decoder;
import org.policyminer.ingest.Source;
import org.policyminer.segment.LanguageIdentifier;
import org.policyminer.segment.NlpModels;
import org.policyminer.segment.Segmenter;

/**
 * The entry point of the library: turns one policy's bytes into an {@link AnnotatedDocument}.
 *
 * <pre>{@code
 * PolicyMiner miner = PolicyMiner.builder().build();   // loads the models once
 * AnnotatedDocument doc = miner.annotate(Source.ofText("example", html));
 * }</pre>
 *
 * <p>An instance is immutable and thread-safe: share one across threads; each thread gets its own OpenNLP tools.
 */
public final class PolicyMiner {

    private final NlpModels models;
    private final ClauseClassifier classifier;
    private final boolean tokens;
    private final Extractor extractor;
    private final ThreadLocal<Worker> workers;

    private record Worker(Segmenter segmenter, LanguageIdentifier language) {
    }

    private PolicyMiner(Builder b) {
        this.models = b.models != null ? b.models : NlpModels.load();
        this.classifier = b.classifier != null ? b.classifier : defaultClassifier();
        this.tokens = b.tokens;
        this.extractor = b.attributes ? Extractor.bundled() : null;
        this.workers = ThreadLocal.withInitial(() -> new Worker(new Segmenter(models), new LanguageIdentifier(models)));
    }

    /** The shipped trained model when the build carries one, else the hand-written lexicon. */
    private static ClauseClassifier defaultClassifier() {
        return ModelClassifier.bundled().<ClauseClassifier>map(m -> m).orElseGet(LexiconClassifier::bundled);
    }

    /** Starts configuring a pipeline. */
    public static Builder builder() {
        return new Builder();
    }

    /** The classifier this pipeline assigns categories with. */
    public ClauseClassifier classifier() {
        return classifier;
    }

    /**
     * Annotates one document: decode, clean, detect language, split into sections and clauses, tag, classify,
     * extract attributes.
     *
     * @throws PolicyMinerException when the document cannot be annotated; the message says why
     */
    public AnnotatedDocument annotate(Source source) throws PolicyMinerException {
        return annotate(clean(source));
    }

    /**
     * A document decoded and cleaned but not yet segmented: enough to know its content hash, so that a batch run
     * can recognise a duplicate before paying for the expensive stages.
     */
    public record Cleaned(Source source, String format, String charset, StructuredText text, String contentHash) {
    }

    /**
     * The cheap first stages of {@link #annotate(Source)}: decode and clean.
     *
     * @throws PolicyMinerException when the bytes are not a readable document or nothing is left after cleaning
     */
    public Cleaned clean(Source source) throws PolicyMinerException {
        Decoder.Decoded decoded = Decoder.decode(source.bytes(), source.charsetHint());
        StructuredText clean = Cleaner.forFormat(decoded.format()).clean(decoded.text());
        if (clean.blocks().isEmpty()) {
            throw new PolicyMinerException("no text left after cleaning (" + decoded.format().label() + " page)");
        }
        return new Cleaned(source, decoded.format().label(), decoded.charset().name(), clean, sha256(clean.text()));
    }

    /**
     * The remaining stages of {@link #annotate(Source)} on a cleaned document: language, sections, clauses,
     * tokens, categories.
     *
     * @throws PolicyMinerException when the document has no sentences
     */
    public AnnotatedDocument annotate(Cleaned cleaned) throws PolicyMinerException {
        Source source = cleaned.source();
        StructuredText clean = cleaned.text();
        Worker w = workers.get();
        String language = w.language().detect(clean.text());
        List<Section> sections = Segmenter.sections(clean);
        String hash = cleaned.contentHash();
        String charset = cleaned.charset();
        String format = cleaned.format();
        if (!language.equals("eng")) {
            return new AnnotatedDocument(source.docId(), source.location(), clean.title(), format, charset, language,
                    hash, AnnotatedDocument.Status.NOT_ENGLISH, clean.text(), clean.blocks(), sections, List.of());
        }
        // The extractor reads POS tags for negation scope and names, so tag whenever it runs.
        List<Clause> clauses = w.segmenter().clauses(clean, sections, tokens || extractor != null);
        if (clauses.isEmpty()) {
            throw new PolicyMinerException("no sentences found");
        }
        List<Clause> classified = classify(clauses);
        if (extractor != null) {
            classified = extractor.extract(source.docId(), clean.title(), clean.text(), classified);
            if (!tokens) {
                classified = classified.stream().map(Clause::withoutTokens).toList();
            }
        }
        return new AnnotatedDocument(source.docId(), source.location(), clean.title(), format, charset, language, hash,
                AnnotatedDocument.Status.ANNOTATED, clean.text(), clean.blocks(), sections, classified);
    }

    private List<Clause> classify(List<Clause> clauses) {
        List<ClauseClassifier.Prediction> predictions = classifier.predict(clauses);
        List<Clause> out = new ArrayList<>(clauses.size());
        for (int i = 0; i < clauses.size(); i++) {
            ClauseClassifier.Prediction p = predictions.get(i);
            out.add(clauses.get(i).withCategories(p.scores(), p.categories()));
        }
        return out;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configures a {@link PolicyMiner}. */
    public static final class Builder {
        private NlpModels models;
        private ClauseClassifier classifier;
        private boolean tokens = true;
        private boolean attributes = true;

        private Builder() {
        }

        /** Uses already loaded OpenNLP models (to share them between pipelines). */
        public Builder models(NlpModels models) {
            this.models = Objects.requireNonNull(models);
            return this;
        }

        /** Uses this classifier instead of the default one (the shipped model, {@link ModelClassifier#bundled()}). */
        public Builder classifier(ClauseClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier);
            return this;
        }

        /** Whether clauses carry tokens and POS tags (default true). */
        public Builder tokens(boolean tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Whether clauses carry extracted attributes, polarity and modality (default true). */
        public Builder attributes(boolean attributes) {
            this.attributes = attributes;
            return this;
        }

        /** Loads what is missing and builds the pipeline. */
        public PolicyMiner build() {
            return new PolicyMiner(this);
        }
    }
}
