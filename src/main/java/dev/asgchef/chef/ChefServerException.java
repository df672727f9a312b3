package dev.asgchef.chef;

import dev.asgchef.AsgchefException;

/**
 * The Chef server said no, or could not be reached. The message is the operator's one line; {@code status} is the
 * HTTP status, or 0 when no answer came.
 */
final class ChefServerException extends AsgchefException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ChefServerException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ChefServerException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
