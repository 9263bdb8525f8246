package org.policyminer.search;

/** A query or search request that cannot be run; the message is one line meant for the person who typed it. */
public final class InvalidQueryException extends Exception {

    /** Creates the exception with a one-line explanation. */
    public InvalidQueryException(String message) {
        super(message);
    }
}
