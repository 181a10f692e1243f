package dev.codeanatomy.bundle;

/** A bundle or bundle record that cannot be used; the message names the file and the reason. */
public final class BundleRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fileId;
    private final String reason;

    public BundleRejectedException(String fileId, String reason) {
        super("file_id " + fileId + ": " + reason);
        this.fileId = fileId;
        this.reason = reason;
    }

    private BundleRejectedException(String fileId, String reason, Throwable cause) {
        super("file_id " + fileId + ": " + reason, cause);
        this.fileId = fileId;
        this.reason = reason;
    }

    /**
     * The rejection of a record whose decoding or assembly failed with an exception no check
     * anticipated (a bug, or input no check covers yet): the reason names the step, the exception
     * class and its message, e.g. {@code unexpected java.lang.IllegalArgumentException while
     * decoding the bundle: …}; the exception is the cause.
     *
     * @param step what was being done, e.g. {@code decoding the bundle}
     */
    public static BundleRejectedException unexpected(
            String fileId, String step, RuntimeException e) {
        return new BundleRejectedException(
                fileId,
                "unexpected " + e.getClass().getName() + " while " + step + ": " + e.getMessage(),
                e);
    }

    /** The file the bundle was for (may be {@code "<unknown>"} when even that was unreadable). */
    public String fileId() {
        return fileId;
    }

    /** Why it was rejected, without the file id. */
    public String reason() {
        return reason;
    }
}
