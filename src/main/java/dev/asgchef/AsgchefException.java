package dev.asgchef;

/**
 * A failure the operator can act on. The message is one line that names the cause and the fix; the error handler
 * prints it as it is, so it must never contain a secret.
 */
public class AsgchefException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AsgchefException(String message) {
        super(message);
    }

    public AsgchefException(String message, Throwable cause) {
        super(message, cause);
    }
}
