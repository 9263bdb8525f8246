package org.policyminer.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.policyminer.classify.Category;

/**
 * The label space gold data is scored in: OPP-115's 12 labels, or the taxonomy ids. Predictions (taxonomy ids)
 * are mapped into it; ids with no counterpart are ignored.
 */
public enum LabelSpace {
    /** The 10 OPP-115 categories with "Other" split by its "Other Type" into three. */
    OPP115,
    /** The policyminer taxonomy ids. */
    TAXONOMY;

    /** The 12 OPP-115 labels, in the order of the corpus paper. */
    public static final List<String> OPP115_LABELS = List.of(
            "First Party Collection/Use", "Third Party Sharing/Collection", "User Choice/Control",
            "User Access, Edit and Deletion", "Data Retention", "Data Security",
            "International and Specific Audiences", "Do Not Track", "Policy Change",
            "Introductory/Generic", "Practice not covered", "Privacy contact information");

    /** The label of a taxonomy id in this space, if it has one. */
    public Optional<String> fromTaxonomy(String id) {
        if (this == TAXONOMY) {
            return Category.byId(id).map(Category::id);
        }
        return Category.byId(id).flatMap(Category::opp115Label);
    }

    /** Maps predicted taxonomy ids into this space. */
    public Set<String> fromTaxonomy(List<String> ids) {
        Set<String> out = new LinkedHashSet<>();
        ids.forEach(id -> fromTaxonomy(id).ifPresent(out::add));
        return out;
    }

    /**
     * The taxonomy id an OPP-115 label is trained as: "International and Specific Audiences" becomes
     * {@code audiences} (the classifier tells children apart with its lexicon).
     */
    public static Optional<String> taxonomyOfOpp115(String label) {
        if (label.equals("International and Specific Audiences")) {
            return Optional.of(Category.AUDIENCES.id());
        }
        for (Category c : Category.values()) {
            if (c.opp115Label().filter(label::equals).isPresent()) {
                return Optional.of(c.id());
            }
        }
        return Optional.empty();
    }

    /** The taxonomy id of a label in either space (an OPP-115 name or a taxonomy id), if any. */
    public static Optional<String> toTaxonomy(String label) {
        return Category.byId(label).map(Category::id).or(() -> taxonomyOfOpp115(label));
    }
}
