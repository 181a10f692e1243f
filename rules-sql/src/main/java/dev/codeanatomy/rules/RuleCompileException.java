package dev.codeanatomy.rules;

/** A rule set that cannot be compiled; the message names the rule, the problem and the fix. */
public final class RuleCompileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RuleCompileException(String message) {
        super(message);
    }

    public RuleCompileException(String message, Throwable cause) {
        super(message, cause);
    }
}
