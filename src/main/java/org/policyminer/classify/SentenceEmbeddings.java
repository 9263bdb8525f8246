package org.policyminer.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Pretrained sentence embeddings of a text: all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions, mean-pooled and
 * L2-normalised; the model ships inside its Maven jar and runs in-process on the CPU). They carry what word
 * n-grams miss, paraphrases and synonyms, at a cost: about ten times slower than the sparse features.
 *
 * <p>Experiments that embed the same texts again and again (cross-validation) can keep the vectors on disk:
 * with the system property {@code policyminer.embeddingCache=FILE}, vectors are read from and appended to that
 * file. The cache is keyed by the exact text, so it never changes a result. Thread-safe.
 */
final class SentenceEmbeddings {

    /** The name a model file records for these embeddings. */
    static final String MINILM = "minilm";
    /** Dimensions of the MiniLM vectors. */
    static final int DIMENSIONS = 384;

    private static volatile SentenceEmbeddings shared;

    private final EmbeddingModel model;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private final Path cacheFile;

    private SentenceEmbeddings(Path cacheFile) {
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        this.cacheFile = cacheFile;
        if (cacheFile != null && Files.isRegularFile(cacheFile)) {
            readCache(cacheFile);
        }
    }

    /** The embeddings named {@code name} (only {@value #MINILM} exists), loaded once per JVM. */
    static SentenceEmbeddings named(String name) {
        if (!MINILM.equals(name)) {
            throw new IllegalArgumentException("unknown embeddings '" + name + "' (known: " + MINILM + ")");
        }
        SentenceEmbeddings s = shared;
        if (s == null) {
            synchronized (SentenceEmbeddings.class) {
                if (shared == null) {
                    String file = System.getProperty("policyminer.embeddingCache");
                    shared = new SentenceEmbeddings(file == null ? null : Path.of(file));
                }
                s = shared;
            }
        }
        return s;
    }

    /** The unit-length embedding of a text (zeros for an empty text). */
    float[] embed(String text) {
        if (text.isBlank()) {
            return new float[DIMENSIONS];
        }
        if (cacheFile == null) {
            return model.embed(text).content().vector();
        }
        float[] v = cache.get(text);
        if (v == null) {
            v = model.embed(text).content().vector();
            if (cache.putIfAbsent(text, v) == null) {
                append(text, v);
            }
        }
        return v;
    }

    private void readCache(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                String text;
                try {
                    text = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                float[] v = new float[DIMENSIONS];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                cache.put(text, v);
            }
        } catch (EOFException truncated) {
            // a run killed while appending leaves a partial last record: the vectors before it are whole
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding cache " + file, e);
        }
    }

    private synchronized void append(String text, float[] v) {
        if (text.length() > 20_000) {
            return; // writeUTF's limit; such texts are embedded again next time
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cacheFile,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
            out.writeUTF(text);
            for (float f : v) {
                out.writeFloat(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache " + cacheFile, e);
        }
    }
}
