package org.policyminer.index;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.util.BytesRef;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.doc.Attribute;
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

    private static final int FORMAT = 2;

    /** Packs a clause's metadata. */
    static BytesRef encode(AnnotatedDocument doc, Clause c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeInt(c.id());
            utf(out, doc.source());
            out.writeBoolean(doc.title() != null);
            if (doc.title() != null) {
                utf(out, doc.title());
            }
            out.writeShort(c.sectionPath().size());
            for (String s : c.sectionPath()) {
                utf(out, s);
            }
            out.writeShort(c.categories().size());
            for (String id : c.categories()) {
                utf(out, id);
                out.writeFloat((float) (Math.round(c.scores().getOrDefault(id, 0.0) * 1e4) / 1e4));
            }
            out.writeInt(c.start());
            out.writeInt(c.end());
            utf(out, c.kind().name().toLowerCase(Locale.ROOT));
            out.writeInt(c.leadInId());
            out.writeShort(Math.min(c.attributes().size(), Short.MAX_VALUE));
            for (Attribute a : c.attributes().subList(0, Math.min(c.attributes().size(), Short.MAX_VALUE))) {
                utf(out, a.type());
                utf(out, a.value());
                out.writeInt(a.start());
                out.writeInt(a.end());
                utf(out, a.text());
            }
            return new BytesRef(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a string, cut short where modified UTF-8 could exceed writeUTF's 64 KB (a pathological heading). */
    private static void utf(DataOutputStream out, String s) throws IOException {
        out.writeUTF(s.length() > 16_000 ? s.substring(0, 16_000) : s);
    }

    /** Unpacks the stored value of {@link IndexSchema#CLAUSE_META}. */
    public static ClauseMeta decode(BytesRef ref) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(ref.bytes, ref.offset, ref.length))) {
            int format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown clause metadata format " + format);
            }
            int id = in.readInt();
            String source = in.readUTF();
            String title = in.readBoolean() ? in.readUTF() : null;
            int n = in.readShort();
            List<String> path = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                path.add(in.readUTF());
            }
            int m = in.readShort();
            Map<String, Double> categories = new LinkedHashMap<>();
            for (int i = 0; i < m; i++) {
                String cat = in.readUTF();
                categories.put(cat, Math.round(in.readFloat() * 1e4) / 1e4);
            }
            int start = in.readInt();
            int end = in.readInt();
            String kind = in.readUTF();
            int leadIn = in.readInt();
            int k = in.readShort();
            List<Attribute> attributes = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                attributes.add(new Attribute(in.readUTF(), in.readUTF(), in.readInt(), in.readInt(), in.readUTF()));
            }
            return new ClauseMeta(id, source, title, List.copyOf(path), categories, start, end, kind, leadIn,
                    List.copyOf(attributes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
