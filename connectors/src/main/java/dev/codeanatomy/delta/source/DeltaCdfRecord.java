package dev.codeanatomy.delta.source;

import org.apache.flink.table.data.RowData;

/**
 * What the split reader hands to the emitter: a changelog row (or null for a pure progress marker
 * at the end of a version) and the position just after it.
 */
record DeltaCdfRecord(RowData row, DeltaCdfPosition after) {}
