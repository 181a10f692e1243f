package dev.codeanatomy.delta.core;

/** Test access to {@link DeltaUpsertTable}'s commit hook, for failure injection. */
public final class FailureInjection {

    private FailureInjection() {}

    /** Makes every commit attempt of {@code table} fail after its files are written. */
    public static void failBeforePut(DeltaUpsertTable table) {
        table.beforePut(
                () -> {
                    throw new IllegalStateException("injected failure before the Delta commit");
                });
    }
}
