package org.policyminer.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.policyminer.doc.Attribute;
import org.policyminer.doc.Block;
import org.policyminer.doc.Clause;

/**
 * What the index stores about a clause besides its text, packed into one value of the
 * {@link IndexSchema#CLAUSE_META} field. What all clauses of a policy share (source, title, section paths) is
 * stored once, on its first clause ({@link Policy}, in {@link IndexSchema#POLICY_META}); a clause refers to its
 * section path by number. Repeating them on every clause made half the stored bytes, and packing, compressing
 * and hashing them was a fifth of indexing time.
 *
 * @param clauseId    position of the clause in its policy
 * @param source      where the policy came from
 * @param title       the policy's title, or {@code null}
 * @param sectionPath enclosing section titles, outermost first
 * @param categories  assigned taxonomy ids with their scores, in classifier order
 * @param start       offset of the clause in the policy's clean text
 * @param end         offset just past the clause
 * @param kind        {@code paragraph} or {@code list_item}
 * @param leadIn      for a list item, the clause introducing the list; otherwise -1
 * @param attributes  what the clause states, as extracted
 */
public record ClauseMeta(int clauseId, String source, String title, List<String> sectionPath,
                         Map<String, Double> categories, int start, int end, String kind, int leadIn,
                         List<Attribute> attributes) {

    /** Layout of the packed bytes; 4: Lucene's variable-length ints and UTF-8 strings, policy data apart. */
    private static final int FORMAT = 4;
    /** Longest string kept, in chars (a pathological heading must not blow up the index). */
    private static final int MAX_STRING = 16_000;
    /** One reusable buffer per indexing thread. */
    private static final ThreadLocal<ByteBuffersDataOutput> BUFFERS = ThreadLocal.withInitial(ByteBuffersDataOutput::newResettableInstance);

    /**
     * What every clause of a policy shares, stored once per policy.
     *
     * @param source   where the policy came from
     * @param title    the policy's title, or {@code null}
     * @param sections the distinct section paths of its clauses, in order of first use
     */
    public record Policy(String source, String title, List<List<String>> sections) {

        /** Packs the policy's shared data. */
        BytesRef encode() {
            try {
                ByteBuffersDataOutput out = BUFFERS.get();
                out.reset();
                out.writeByte((byte) FORMAT);
                string(out, source);
                out.writeByte((byte) (title != null ? 1 : 0));
                if (title != null) {
                    string(out, title);
                }
                out.writeVInt(sections.size());
                for (List<String> path : sections) {
                    out.writeVInt(path.size());
                    for (String s : path) {
                        string(out, s);
                    }
                }
                return new BytesRef(out.toArrayCopy());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // writing to memory; declared by DataOutput only
            }
        }

        /** Unpacks the stored value of {@link IndexSchema#POLICY_META}. */
        public static Policy decode(BytesRef ref) {
            try {
                ByteArrayDataInput in = input(ref);
                String source = in.readString();
                String title = in.readByte() != 0 ? in.readString() : null;
                int n = in.readVInt();
                List<List<String>> sections = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int m = in.readVInt();
                    List<String> path = new ArrayList<>(m);
                    for (int j = 0; j < m; j++) {
                        path.add(in.readString());
                    }
                    sections.add(List.copyOf(path));
                }
                return new Policy(source, title, List.copyOf(sections));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // reading a byte array; declared by DataInput only
            }
        }
    }

    /**
     * Packs a clause's own metadata.
     *
     * @param section the number of the clause's section path in its {@link Policy#sections()}
     */
    static BytesRef encode(Clause c, int section) {
        try {
            ByteBuffersDataOutput out = BUFFERS.get();
            out.reset();
            out.writeByte((byte) FORMAT);
            out.writeVInt(c.id());
            out.writeVInt(section);
            out.writeVInt(c.categories().size());
            for (String id : c.categories()) {
                string(out, id);
                out.writeInt(Float.floatToIntBits((float) (Math.round(c.scores().getOrDefault(id, 0.0) * 1e4) / 1e4)));
            }
            out.writeVInt(c.start());
            out.writeVInt(c.end() - c.start());
            out.writeByte((byte) c.kind().ordinal());
            out.writeVInt(c.leadInId() + 1); // -1 (none) packs as 0
            out.writeVInt(c.attributes().size());
            for (Attribute a : c.attributes()) {
                string(out, a.type());
                string(out, a.value());
                out.writeVInt(a.start());
                out.writeVInt(a.end() - a.start());
                string(out, a.text());
            }
            return new BytesRef(out.toArrayCopy());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory; declared by DataOutput only
        }
    }

    private static void string(ByteBuffersDataOutput out, String s) throws IOException {
        out.writeString(s.length() > MAX_STRING ? s.substring(0, MAX_STRING) : s);
    }

    private static ByteArrayDataInput input(BytesRef ref) throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(ref.bytes, ref.offset, ref.length);
        int format = in.readByte();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown clause metadata format " + format);
        }
        return in;
    }

    /** Unpacks the stored value of {@link IndexSchema#CLAUSE_META}, with what its policy stores for all clauses. */
    public static ClauseMeta decode(BytesRef ref, Policy policy) {
        try {
            ByteArrayDataInput in = input(ref);
            int id = in.readVInt();
            int section = in.readVInt();
            int m = in.readVInt();
            Map<String, Double> categories = new LinkedHashMap<>();
            for (int i = 0; i < m; i++) {
                String cat = in.readString();
                categories.put(cat, Math.round(Float.intBitsToFloat(in.readInt()) * 1e4) / 1e4);
            }
            int start = in.readVInt();
            int end = start + in.readVInt();
            String kind = Block.Kind.values()[in.readByte()].name().toLowerCase(Locale.ROOT);
            int leadIn = in.readVInt() - 1;
            int k = in.readVInt();
            List<Attribute> attributes = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                String type = in.readString();
                String value = in.readString();
                int aStart = in.readVInt();
                int aEnd = aStart + in.readVInt();
                attributes.add(new Attribute(type, value, aStart, aEnd, in.readString()));
            }
            return new ClauseMeta(id, policy.source(), policy.title(), policy.sections().get(section), categories,
                    start, end, kind, leadIn, List.copyOf(attributes));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array; declared by DataInput only
        }
    }
}
