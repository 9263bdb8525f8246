package org.policyminer.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON shapes of search results, policies and index statistics, shared by {@code policyminer search --json}
 * and the HTTP API so that both always print the same thing.
 */
public final class SearchJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchJson() {
    }

    /** {@code {"total", "hits": [...], "facets": {"category": {...}, "doc": {...}}}}, plus {@code groups} when grouped. */
    public static Map<String, Object> results(SearchResults r, SearchRequest request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", r.total());
        m.put("offset", request.offset());
        m.put("limit", request.limit());
        List<Object> hits = new ArrayList<>(r.hits().size());
        for (SearchResults.Hit h : r.hits()) {
            hits.add(hit(h));
        }
        m.put("hits", hits);
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("category", r.categories());
        facets.put("doc", r.docs());
        m.put("facets", facets);
        m.put("policies", r.policies());
        if (request.groupByDoc()) {
            List<Object> groups = new ArrayList<>(r.groups().size());
            for (SearchResults.Group g : r.groups()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("doc_id", g.docId());
                gm.put("title", g.title());
                gm.put("count", g.count());
                gm.put("best", g.best() == null ? null : hit(g.best()));
                groups.add(gm);
            }
            m.put("groups", groups);
        }
        return m;
    }

    /** One hit: {@code doc_id, clause_id, title, source, section, section_path, text, highlight, categories, category_scores, score}. */
    public static Map<String, Object> hit(SearchResults.Hit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("doc_id", h.docId());
        m.put("clause_id", h.clauseId());
        m.put("title", h.title());
        m.put("source", h.source());
        m.put("section", h.section());
        m.put("section_path", h.sectionPath());
        m.put("text", h.text());
        m.put("highlight", h.highlightHtml());
        m.put("categories", List.copyOf(h.categories().keySet()));
        m.put("category_scores", h.categories());
        m.put("attributes", attributes(h.attributes()));
        m.put("score", Math.round(h.score() * 1e4) / 1e4);
        return m;
    }

    /** A policy with its clauses in order: {@code doc_id, title, source, clauses: [...]}. */
    public static Map<String, Object> policy(PolicyView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("doc_id", p.docId());
        m.put("title", p.title());
        m.put("source", p.source());
        List<Object> clauses = new ArrayList<>(p.clauses().size());
        for (PolicyView.ClauseView c : p.clauses()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("clause_id", c.clauseId());
            cm.put("start", c.start());
            cm.put("end", c.end());
            cm.put("section", String.join(" > ", c.sectionPath()));
            cm.put("section_path", c.sectionPath());
            cm.put("text", c.text());
            cm.put("kind", c.kind());
            cm.put("lead_in", c.leadIn() >= 0 ? c.leadIn() : null);
            cm.put("categories", List.copyOf(c.categories().keySet()));
            cm.put("category_scores", c.categories());
            cm.put("attributes", attributes(c.attributes()));
            clauses.add(cm);
        }
        m.put("clauses", clauses);
        return m;
    }

    /** {@code {"documents", "clauses", "categories": {...}}}. */
    public static Map<String, Object> stats(IndexStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", s.documents());
        m.put("clauses", s.clauses());
        m.put("categories", s.categories());
        return m;
    }

    private static List<Object> attributes(List<org.policyminer.doc.Attribute> attributes) {
        List<Object> out = new ArrayList<>(attributes.size());
        for (org.policyminer.doc.Attribute a : attributes) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("type", a.type());
            am.put("value", a.value());
            am.put("text", a.text());
            out.add(am);
        }
        return out;
    }

    /** Serialises a value built by this class (or any map of plain values). */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise search JSON", e);
        }
    }
}
