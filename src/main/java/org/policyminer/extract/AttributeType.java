package org.policyminer.extract;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of attribute the {@link Extractor} reads from a clause. */
public enum AttributeType {
    DATA_TYPE("data-type"),
    THIRD_PARTY("third-party"),
    PURPOSE("purpose"),
    RETENTION("retention"),
    AGE("age"),
    RIGHT("right"),
    LEGAL_BASIS("legal-basis"),
    TRANSFER_SAFEGUARD("transfer-safeguard"),
    CONTACT("contact");

    private final String id;

    AttributeType(String id) {
        this.id = id;
    }

    /** The id used in outputs, e.g. {@code third-party}. */
    public String id() {
        return id;
    }

    /** Looks a type up by its output id. */
    public static Optional<AttributeType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
