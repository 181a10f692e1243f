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

    /** The file the bundle was for (may be {@code "<unknown>"} when even that was unreadable). */
    public String fileId() {
        return fileId;
    }

    /** Why it was rejected, without the file id. */
    public String reason() {
        return reason;
    }
}
