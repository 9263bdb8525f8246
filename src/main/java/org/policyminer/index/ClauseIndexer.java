package org.policyminer.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Clause;

/**
 * Writes annotated policies into a Lucene index on disk, one Lucene document per clause.
 *
 * <p>Indexing a policy again replaces all its clauses in one atomic step (keyed by doc id); a policy whose
 * indexed content would not change is skipped. Nothing is visible to searchers, nor survives a crash, until
 * {@link #commit()}: a process killed mid-run leaves the last committed index intact. {@link #close()} without
 * a commit discards the uncommitted changes. Thread-safe: several threads may call {@link #index} at once.
 */
public final class ClauseIndexer implements AutoCloseable {

    /** What indexing one policy did. */
    public enum Outcome {
        /** The policy was not in the index and now is. */
        ADDED,
        /** The policy was in the index with other content; its clauses were replaced. */
        REPLACED,
        /** The policy is already indexed with exactly this content; nothing was written. */
        UNCHANGED,
        /** The policy has no clauses (e.g. not English): any clauses indexed for it before were removed. */
        EMPTY
    }

    /**
     * The clause text is indexed once, in the exact field, with positions (phrases) and no offsets: highlighting
     * re-analyses the short clause text, which costs less than writing offsets for every token of every clause.
     */
    private static final FieldType EXACT_TYPE = textType(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    private static final Map<String, BytesRef> CATEGORY_VALUES = new ConcurrentHashMap<>();

    private final Directory directory;
    private final IndexWriter writer;
    /** Fingerprints of the policies in the index, as of opening plus this run's changes. */
    private final Map<String, String> docFingerprints = new ConcurrentHashMap<>();
    private final Map<String, String> sourceFingerprints = new ConcurrentHashMap<>();

    private ClauseIndexer(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        loadFingerprints();
    }

    /**
     * Opens the index in {@code dir} for writing, creating it (and the folder) when missing.
     *
     * @param ramBufferMb memory for buffering documents before a segment is flushed
     * @throws IOException when the folder is not an index of this layout, or another process is writing to it
     */
    public static ClauseIndexer open(Path dir, double ramBufferMb) throws IOException {
        IndexSchema.quietLucene();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + " is a file, not an index folder");
        }
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        try {
            if (DirectoryReader.indexExists(directory)) {
                checkVersion(directory, dir);
            }
            // No compound files: packing a flushed segment into one file copies all of it once more, which cost
            // a bulk run a sixth of its time; an index has a few dozen files more instead.
            TieredMergePolicy merges = new TieredMergePolicy();
            merges.setNoCFSRatio(0);
            IndexWriterConfig config = new IndexWriterConfig(IndexSchema.indexingAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb)
                    .setUseCompoundFile(false)
                    .setMergePolicy(merges)
                    .setCommitOnClose(false);
            IndexWriter writer;
            try {
                writer = new IndexWriter(directory, config);
            } catch (LockObtainFailedException e) {
                throw new IOException("the index " + dir + " is being written by another process; try again when it is done", e);
            }
            return new ClauseIndexer(directory, writer);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Opens the index in {@code dir} with a 64 MB indexing buffer; see {@link #open(Path, double)}. */
    public static ClauseIndexer open(Path dir) throws IOException {
        return open(dir, 64);
    }

    private static void checkVersion(Directory directory, Path dir) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            String version = reader.getIndexCommit().getUserData().get(IndexSchema.VERSION_KEY);
            if (!IndexSchema.VERSION.equals(version)) {
                throw new IOException(dir + " is not a policyminer index of layout version " + IndexSchema.VERSION
                        + (version == null ? "" : " (it has version " + version + ")")
                        + "; index into a new folder");
            }
        }
    }

    /** Reads the fingerprint stored on the first clause of every indexed policy: one postings walk per policy. */
    private void loadFingerprints() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return;
        }
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms terms = leaf.reader().terms(IndexSchema.DOC_ID);
                if (terms == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                TermsEnum te = terms.iterator();
                PostingsEnum postings = null;
                for (BytesRef term = te.next(); term != null; term = te.next()) {
                    String docId = term.utf8ToString();
                    postings = te.postings(postings, PostingsEnum.NONE);
                    for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                        if (live != null && !live.get(d)) {
                            continue;
                        }
                        Document doc = stored.document(d, java.util.Set.of(IndexSchema.DOC_FINGERPRINT, IndexSchema.SOURCE_FINGERPRINT));
                        String fp = doc.get(IndexSchema.DOC_FINGERPRINT);
                        if (fp != null) {
                            docFingerprints.put(docId, fp);
                            String src = doc.get(IndexSchema.SOURCE_FINGERPRINT);
                            if (src != null) {
                                sourceFingerprints.put(docId, src);
                            }
                            break;
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether the policy is indexed from exactly these input bytes by the same pipeline, so that annotating it
     * again can be skipped.
     *
     * @param sourceFingerprint see {@link #sourceFingerprint(byte[], String)}
     */
    public boolean isIndexedFrom(String docId, String sourceFingerprint) {
        return sourceFingerprint != null && sourceFingerprint.equals(sourceFingerprints.get(docId));
    }

    /** Indexes one policy, replacing whatever was indexed under its doc id; see {@link Outcome}. */
    public Outcome index(AnnotatedDocument doc) throws IOException {
        return index(doc, null);
    }

    /**
     * Indexes one policy and records where it came from, so that a later run can skip it before annotating.
     *
     * @param sourceFingerprint from {@link #sourceFingerprint(byte[], String)}, or {@code null}
     */
    public Outcome index(AnnotatedDocument doc, String sourceFingerprint) throws IOException {
        String docId = doc.docId();
        Term key = new Term(IndexSchema.DOC_ID, docId);
        if (doc.clauses().isEmpty()) {
            writer.deleteDocuments(key);
            docFingerprints.remove(docId);
            sourceFingerprints.remove(docId);
            return Outcome.EMPTY;
        }
        Packed packed = pack(doc);
        String fingerprint = fingerprint(doc, packed);
        String previous = docFingerprints.put(docId, fingerprint);
        if (fingerprint.equals(previous)) {
            if (sourceFingerprint != null && !sourceFingerprint.equals(sourceFingerprints.get(docId))) {
                // Same content from other bytes (e.g. whitespace only): rewrite so the new source key is stored.
                write(key, doc, packed, fingerprint, sourceFingerprint);
                return Outcome.REPLACED;
            }
            return Outcome.UNCHANGED;
        }
        write(key, doc, packed, fingerprint, sourceFingerprint);
        return previous == null ? Outcome.ADDED : Outcome.REPLACED;
    }

    /**
     * A policy's stored values: what its clauses share, each clause's own metadata, and each clause's section
     * path joined for the section field (one string per section, so the section analyzer sees it repeat).
     */
    private record Packed(BytesRef policy, List<BytesRef> metas, String[] sections) {
    }

    private static Packed pack(AnnotatedDocument doc) {
        Map<List<String>, Integer> numbers = new java.util.LinkedHashMap<>();
        List<String> joined = new ArrayList<>();
        List<BytesRef> metas = new ArrayList<>(doc.clauses().size());
        String[] sections = new String[doc.clauses().size()];
        for (int i = 0; i < sections.length; i++) {
            Clause c = doc.clauses().get(i);
            Integer number = numbers.get(c.sectionPath());
            if (number == null) {
                number = numbers.size();
                numbers.put(c.sectionPath(), number);
                joined.add(String.join(" > ", c.sectionPath()));
            }
            metas.add(ClauseMeta.encode(c, number));
            sections[i] = joined.get(number);
        }
        BytesRef policy = new ClauseMeta.Policy(doc.source(), doc.title(), List.copyOf(numbers.keySet())).encode();
        return new Packed(policy, metas, sections);
    }

    private void write(Term key, AnnotatedDocument doc, Packed packed, String fingerprint,
                       String sourceFingerprint) throws IOException {
        List<Document> docs = new ArrayList<>(doc.clauses().size());
        BytesRef docFacet = new BytesRef(doc.docId());
        for (int i = 0; i < packed.metas().size(); i++) {
            Document d = clauseDocument(doc, doc.clauses().get(i), packed.metas().get(i), docFacet, packed.sections()[i]);
            if (i == 0) {
                d.add(new StoredField(IndexSchema.POLICY_META, packed.policy()));
                d.add(new StoredField(IndexSchema.DOC_FINGERPRINT, fingerprint));
                if (sourceFingerprint != null) {
                    d.add(new StoredField(IndexSchema.SOURCE_FINGERPRINT, sourceFingerprint));
                }
            }
            docs.add(d);
        }
        // One block: readers see either all the old clauses of the policy or all the new ones.
        writer.updateDocuments(key, docs);
        if (sourceFingerprint != null) {
            sourceFingerprints.put(doc.docId(), sourceFingerprint);
        } else {
            sourceFingerprints.remove(doc.docId());
        }
    }

    private static Document clauseDocument(AnnotatedDocument doc, Clause c, BytesRef meta, BytesRef docFacet,
                                           String section) {
        Document d = new Document();
        // Terms and doc values from bytes made once per policy and category: converting the strings again for
        // every clause showed in profiles.
        d.add(new StringField(IndexSchema.DOC_ID, docFacet, Field.Store.NO));
        d.add(new StoredField(IndexSchema.DOC_ID, doc.docId()));
        d.add(new SortedDocValuesField(IndexSchema.DOC_ID, docFacet));
        d.add(new NumericDocValuesField(IndexSchema.CLAUSE_ID, c.id()));
        d.add(new Field(IndexSchema.SECTION, section, TextField.TYPE_NOT_STORED));
        d.add(new StoredField(IndexSchema.TEXT, c.text()));
        d.add(new Field(IndexSchema.EXACT, c.text(), EXACT_TYPE));
        for (String category : c.categories()) {
            BytesRef value = categoryValue(category);
            d.add(new StringField(IndexSchema.CATEGORY, value, Field.Store.NO));
            d.add(new SortedSetDocValuesField(IndexSchema.CATEGORY, value));
        }
        for (org.policyminer.doc.Attribute a : c.attributes()) {
            d.add(new StringField(IndexSchema.ATTRIBUTE, a.type(), Field.Store.NO));
            d.add(new StringField(IndexSchema.ATTRIBUTE, a.type() + "=" + a.value(), Field.Store.NO));
        }
        d.add(new StoredField(IndexSchema.CLAUSE_META, meta));
        return d;
    }

    /** The doc-values bytes of a category id, made once per id. */
    private static BytesRef categoryValue(String category) {
        return CATEGORY_VALUES.computeIfAbsent(category, BytesRef::new);
    }

    /**
     * Removes a policy's clauses from the index (at the next commit).
     *
     * @return whether the policy was in the index
     */
    public boolean delete(String docId) throws IOException {
        boolean known = docFingerprints.remove(docId) != null;
        sourceFingerprints.remove(docId);
        writer.deleteDocuments(new Term(IndexSchema.DOC_ID, docId));
        return known;
    }

    /** Whether a policy with this id is in the index (counting this run's uncommitted changes). */
    public boolean contains(String docId) {
        return docFingerprints.containsKey(docId);
    }

    /** Makes every change so far durable and visible to searchers, atomically. */
    public void commit() throws IOException {
        flushInParallel();
        writer.setLiveCommitData(Map.of(IndexSchema.VERSION_KEY, IndexSchema.VERSION).entrySet());
        writer.commit();
    }

    /**
     * Writes the indexing threads' buffers to segments in parallel, one buffer per core at a time: a commit
     * would otherwise flush them one after another in the calling thread, which after a bulk run left a core idle
     * for a fifth of the indexing time.
     */
    private void flushInParallel() throws IOException {
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        if (threads < 2 || !writer.hasUncommittedChanges()) {
            return;
        }
        List<Thread> helpers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable flush = () -> {
            try {
                while (writer.flushNextBuffer()) {
                    // each call writes one buffer; stop when none is left
                }
            } catch (IOException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        };
        for (int i = 1; i < threads; i++) {
            helpers.add(Thread.ofPlatform().name("policyminer-flush").start(flush));
        }
        flush.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while flushing the index");
            }
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t != null) {
            throw (RuntimeException) t;
        }
    }

    /** Closes the index, discarding changes made since the last {@link #commit()}. */
    @Override
    public void close() throws IOException {
        try {
            writer.rollback();
        } finally {
            directory.close();
        }
    }

    /** Number of policies in the index, counting this run's uncommitted changes. */
    public int policies() {
        return docFingerprints.size();
    }

    /**
     * The key under which {@link #isIndexedFrom} recognises input that needs no new annotation: the input
     * bytes and a label of the pipeline that annotates them (a new classifier must not be skipped).
     */
    public static String sourceFingerprint(byte[] bytes, String pipeline) {
        MessageDigest md = sha256();
        md.update(pipeline.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(bytes);
        return HexFormat.of().formatHex(md.digest());
    }

    /** Everything the index stores about a policy, hashed: equal fingerprints mean nothing would change. */
    private static String fingerprint(AnnotatedDocument doc, Packed packed) {
        MessageDigest md = sha256();
        md.update((IndexSchema.VERSION + '\u0000' + doc.contentHash() + '\u0000').getBytes(StandardCharsets.UTF_8));
        // The stored values already pack everything shown with the policy and its clauses; hash them with the text.
        md.update(packed.policy().bytes, packed.policy().offset, packed.policy().length);
        for (int i = 0; i < packed.metas().size(); i++) {
            BytesRef meta = packed.metas().get(i);
            md.update(meta.bytes, meta.offset, meta.length);
            md.update(doc.clauses().get(i).text().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldType textType(IndexOptions options) {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(options);
        type.freeze();
        return type;
    }
}
