package dev.codeanatomy.delta.write;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import java.util.List;

/** A Kernel {@link ColumnarBatch} over {@code Object[]} rows laid out as {@code schema}. */
final class ObjectBatch implements ColumnarBatch {

    private final StructType schema;
    private final List<Object[]> rows;

    ObjectBatch(StructType schema, List<Object[]> rows) {
        this.schema = schema;
        this.rows = rows;
    }

    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        return new ObjectColumnVector(schema.at(ordinal).getDataType(), rows, ordinal);
    }

    @Override
    public int getSize() {
        return rows.size();
    }
}
