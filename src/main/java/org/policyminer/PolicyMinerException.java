package org.policyminer;

/**
 * A document could not be annotated; the message says why in words a user can act on
 * ("binary content (PDF)", "empty file", ...). Runs record it and go on with the next document.
 */
public class PolicyMinerException extends Exception {
    public PolicyMinerException(String message) {
        super(message);
    }

    public PolicyMinerException(String message, Throwable cause) {
        super(message, cause);
    }
}
