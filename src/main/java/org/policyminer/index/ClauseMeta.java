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
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Attribute;
import org.policyminer.doc.Block;
import org.policyminer.doc.Clause;

/**
 * What the index stores about a clause besides its text, packed into one value of the
 * {@link IndexSchema#CLAUSE_META} field.
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

    /** Layout of the packed bytes; 3: Lucene's variable-length ints and UTF-8 strings (writeUTF was a tenth of
     *  indexing time). */
    private static final int FORMAT = 3;
    /** Longest string kept, in chars (a pathological heading must not blow up every clause of its section). */
    private static final int MAX_STRING = 16_000;
    /** One reusable buffer per indexing thread. */
    private static final ThreadLocal<ByteBuffersDataOutput> BUFFERS = ThreadLocal.withInitial(ByteBuffersDataOutput::newResettableInstance);

    /** Packs a clause's metadata. */
    static BytesRef encode(AnnotatedDocument doc, Clause c) {
        try {
            return pack(doc, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory; declared by DataOutput only
        }
    }

    private static BytesRef pack(AnnotatedDocument doc, Clause c) throws IOException {
        ByteBuffersDataOutput out = BUFFERS.get();
        out.reset();
        out.writeByte((byte) FORMAT);
        out.writeVInt(c.id());
        string(out, doc.source());
        out.writeByte((byte) (doc.title() != null ? 1 : 0));
        if (doc.title() != null) {
            string(out, doc.title());
        }
        out.writeVInt(c.sectionPath().size());
        for (String s : c.sectionPath()) {
            string(out, s);
        }
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
    }

    private static void string(ByteBuffersDataOutput out, String s) throws IOException {
        out.writeString(s.length() > MAX_STRING ? s.substring(0, MAX_STRING) : s);
    }

    /** Unpacks the stored value of {@link IndexSchema#CLAUSE_META}. */
    public static ClauseMeta decode(BytesRef ref) {
        try {
            ByteArrayDataInput in = new ByteArrayDataInput(ref.bytes, ref.offset, ref.length);
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown clause metadata format " + format);
            }
            int id = in.readVInt();
            String source = in.readString();
            String title = in.readByte() != 0 ? in.readString() : null;
            int n = in.readVInt();
            List<String> path = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                path.add(in.readString());
            }
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
            return new ClauseMeta(id, source, title, List.copyOf(path), categories, start, end, kind, leadIn,
                    List.copyOf(attributes));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array; declared by DataInput only
        }
    }
}
