package org.policyminer.text;

/**
 * A position in a Java regular expression, and the parts of its syntax that the analyses of {@link LiteralFilter}
 * and {@link LeadingChars} read alike: atoms, quantifiers and the openings of groups. Each analysis says what an
 * atom is to it ({@code I}); what it cannot read throws an {@link IllegalArgumentException} or its own {@code X},
 * which both analyses take as a pattern they do not understand.
 */
abstract class RegexReader<I, X extends Exception> {

    /** What a group's opening is. */
    enum Opening {
        /** A group that matches what its body matches: capturing, named, non-capturing, atomic. */
        GROUP,
        /** A look-ahead or look-behind: its body consumes nothing. */
        LOOK_AROUND,
        /** Inline flags alone, {@code (?i)}: no body, already read up to its ")". */
        FLAGS
    }

    final String re;
    int pos;
    /** What {@code .} is, and what {@code ^} and {@code $} are. */
    private final I anyCharacter;
    private final I anchor;

    RegexReader(String re, I anyCharacter, I anchor) {
        this.re = re;
        this.anyCharacter = anyCharacter;
        this.anchor = anchor;
    }

    /** Reads the atom at the position: a group, a class, a dot, an anchor, an escape or a character. */
    I atom() throws X {
        char c = re.charAt(pos);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                return characterClass();
            }
            case '.' -> {
                pos++;
                return anyCharacter;
            }
            case '^', '$' -> {
                pos++;
                return anchor;
            }
            case '\\' -> {
                if (pos + 1 >= re.length()) {
                    throw new IllegalArgumentException("trailing backslash");
                }
                pos += 2;
                return escape(re.charAt(pos - 1));
            }
            case '*', '+', '?', '{' -> throw new IllegalArgumentException("dangling quantifier");
            default -> {
                pos++;
                return literal(c);
            }
        }
    }

    /** Reads the group at the position. */
    abstract I group() throws X;

    /** Reads the character class at the position. */
    abstract I characterClass() throws X;

    /** What the escape of {@code c} is; the position is after {@code c}, where a property's name or a group's follows. */
    abstract I escape(char c) throws X;

    /** What a character that stands for itself is. */
    abstract I literal(char c);

    /** Reads an atom and its quantifier, if any. */
    I quantified() throws X {
        I atom = atom();
        int[] bounds = quantifier();
        return bounds == null ? atom : quantify(atom, bounds[0], bounds[1]);
    }

    /** What an atom repeated from {@code min} to {@code max} times is ({@link Integer#MAX_VALUE}: unbounded). */
    abstract I quantify(I atom, int min, int max);

    /** Whether the concatenation at the position goes on: neither the end, nor a "|", nor a ")" is there. */
    boolean inSequence() {
        return pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')';
    }

    /** Reads the "|" at the position, if there is one: whether another alternative follows. */
    boolean nextAlternative() {
        if (pos < re.length() && re.charAt(pos) == '|') {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Reads the quantifier at the position, with its lazy or possessive mark: its bounds {@code {min, max}} (max
     * {@link Integer#MAX_VALUE} when unbounded), or null when no quantifier is there.
     */
    private int[] quantifier() {
        if (pos >= re.length()) {
            return null;
        }
        char c = re.charAt(pos);
        int min;
        int max;
        if (c == '?' || c == '*') {
            min = 0;
            max = c == '?' ? 1 : Integer.MAX_VALUE;
            pos++;
        } else if (c == '+') {
            min = 1;
            max = Integer.MAX_VALUE;
            pos++;
        } else if (c == '{') {
            int close = re.indexOf('}', pos);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed {");
            }
            String[] bounds = re.substring(pos + 1, close).split(",", -1);
            if (bounds.length > 2) {
                throw new IllegalArgumentException("bad bounds");
            }
            min = Integer.parseInt(bounds[0].trim());
            max = bounds.length == 1 ? min : bounds[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].trim());
            pos = close + 1;
        } else {
            return null;
        }
        // Lazy and possessive forms match some of the same strings.
        if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
            pos++;
        }
        return new int[] {min, max};
    }

    /**
     * Reads the opening of the group at the position (its "(" and what marks its kind), up to its body. Inline
     * flags are read only when each is one of {@code flags}; {@code (?i:...)} is then a plain group.
     */
    Opening groupOpening(String flags) {
        pos++; // (
        if (!re.startsWith("?", pos)) {
            return Opening.GROUP;
        }
        pos++;
        if (re.startsWith(":", pos) || re.startsWith(">", pos)) {
            pos++;
            return Opening.GROUP;
        }
        if (re.startsWith("=", pos) || re.startsWith("!", pos)) {
            pos++;
            return Opening.LOOK_AROUND;
        }
        if (re.startsWith("<=", pos) || re.startsWith("<!", pos)) {
            pos += 2;
            return Opening.LOOK_AROUND;
        }
        if (re.startsWith("<", pos)) {
            int close = re.indexOf('>', pos);
            if (close < 0) {
                throw new IllegalArgumentException("bad group name");
            }
            pos = close + 1;
            return Opening.GROUP;
        }
        while (pos < re.length() && flags.indexOf(re.charAt(pos)) >= 0) {
            pos++;
        }
        if (re.startsWith(")", pos)) {
            pos++;
            return Opening.FLAGS;
        }
        if (!re.startsWith(":", pos)) {
            throw new IllegalArgumentException("flags");
        }
        pos++;
        return Opening.GROUP;
    }

    /** Reads the ")" that closes a group. */
    void closeGroup() {
        if (!re.startsWith(")", pos)) {
            throw new IllegalArgumentException("unclosed group");
        }
        pos++;
    }
}
