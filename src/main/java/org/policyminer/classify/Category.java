package org.policyminer.classify;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fixed taxonomy every output and evaluation uses. Each category knows the OPP-115 label it corresponds
 * to, if any, so that predictions can be scored against that corpus.
 */
public enum Category {
    DATA_COLLECTED("data-collected", "what personal data is collected, how, and what it is used for", "First Party Collection/Use"),
    SHARING("sharing", "disclosure to, or collection by, third parties", "Third Party Sharing/Collection"),
    CHOICE("choice", "choices and controls: consent, opt-in/opt-out, cookie settings, unsubscribing", "User Choice/Control"),
    RIGHTS("rights", "access, correction, deletion, portability, objection, restriction, complaints", "User Access, Edit and Deletion"),
    RETENTION("retention", "how long data is kept, when it is deleted", "Data Retention"),
    SECURITY("security", "how data is protected", "Data Security"),
    CHILDREN("children", "children and minors", "International and Specific Audiences"),
    AUDIENCES("audiences", "notices for other specific audiences (California, EU/EEA residents, ...)", "International and Specific Audiences"),
    INTERNATIONAL_TRANSFER("international-transfer", "transfers of data across borders and their safeguards", null),
    LEGAL_BASIS("legal-basis", "the legal basis of processing (consent, contract, legitimate interest, ...)", null),
    POLICY_CHANGE("policy-change", "how changes to the policy are made and announced", "Policy Change"),
    DO_NOT_TRACK("do-not-track", "Do Not Track signals", "Do Not Track"),
    CONTACT("contact", "who to contact about privacy: controller, DPO, addresses", "Privacy contact information"),
    INTRO("intro", "introductory or generic text", "Introductory/Generic"),
    OTHER("other", "a practice none of the above covers", "Practice not covered");

    private final String id;
    private final String description;
    private final String opp115Label;

    Category(String id, String description, String opp115Label) {
        this.id = id;
        this.description = description;
        this.opp115Label = opp115Label;
    }

    /** The taxonomy id used in outputs, e.g. {@code data-collected}. */
    public String id() {
        return id;
    }

    /** What a clause of this category is about. */
    public String description() {
        return description;
    }

    /** The OPP-115 label this category is scored as, if the corpus has one. */
    public Optional<String> opp115Label() {
        return Optional.ofNullable(opp115Label);
    }

    /** The categories by taxonomy id: classifying looks ids up for every clause. */
    private static final Map<String, Category> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Category::id, c -> c));

    /** Looks a category up by taxonomy id. */
    public static Optional<Category> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_ID.get(id));
    }
}
