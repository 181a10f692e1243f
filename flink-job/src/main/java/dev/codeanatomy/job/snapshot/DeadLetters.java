package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.Sha256;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.ids.StableHash;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/** Builds {@code dead_letters} rows; the id is stable so a replayed bad record upserts in place. */
final class DeadLetters {

    private DeadLetters() {}

    static Row row(BundleEnvelope in, String stage, String reason, int buckets) {
        String id = StableHash.id("DEAD_LETTER", in.source, stage, reason);
        Row row = new Row(RowKind.INSERT, Contracts.DEAD_LETTERS.arity());
        set(row, "dead_letter_id", id);
        set(row, "file_id", in.fileId);
        set(row, "source", in.source == null ? "<unknown>" : in.source);
        set(row, "stage", stage);
        set(row, "reason", reason);
        set(row, "run_id", in.runId);
        // a record the source could not read has no record type and no trustworthy version
        set(row, "format_version", in.recordType != null ? in.formatVersion : null);
        set(row, "payload_bytes", in.value == null ? 0 : in.value.length);
        set(row, "payload_sha256", in.value == null ? null : Sha256.hex(in.value));
        set(row, "received_ms", in.timestampMs);
        set(row, "bucket", StableHash.bucket(in.fileId == null ? id : in.fileId, buckets));
        return row;
    }

    private static void set(Row row, String column, Object value) {
        row.setField(Contracts.DEAD_LETTERS.indexOf(column), value);
    }
}
