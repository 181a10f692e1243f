package dev.codeanatomy.delta.core;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes {@code Object[]} rows of a flat Delta schema as Parquet files with parquet-hadoop, handing
 * every writer the table's one Hadoop {@link Configuration}.
 *
 * <p>Why not Kernel's default Parquet handler: it builds each file's {@code ParquetWriter} without
 * a configuration, so parquet-hadoop creates a fresh {@code new Configuration()} per file and
 * re-parses Hadoop's {@code core-default.xml}/{@code core-site.xml} — 44% of the Delta committer's
 * CPU in the profile of a full build (one data and one change-data file per touched bucket per
 * commit). Statistics are read from the written footer as Kernel does: {@code numRecords}, and per
 * requested column {@code nullCount}, {@code minValues}, {@code maxValues} (Parquet's column order:
 * strings by unsigned UTF-8 bytes; a column whose values are all NULL gets NULL bounds).
 *
 * <p>Types (Delta → Parquet): STRING → BINARY (STRING), INT → INT32, SHORT/BYTE → INT32 (INT 16/8),
 * DATE → INT32 (DATE, days since epoch), BIGINT → INT64, DOUBLE, FLOAT, BOOLEAN; NOT NULL columns
 * are REQUIRED. Row values are Java {@code String}, {@code Integer}, {@code Short}, {@code Byte},
 * {@code Long}, {@code Double}, {@code Float}, {@code Boolean} (DATE as {@code Integer} days).
 */
final class ParquetRowWriter {

    /** Hadoop key of the file size at which a new file is started (bytes; Kernel's key). */
    static final String TARGET_FILE_SIZE_KEY =
            "delta.kernel.default.parquet.writer.targetMaxFileSize";

    private static final long DEFAULT_TARGET_FILE_SIZE = 128L << 20;

    private ParquetRowWriter() {}

    /**
     * Writes {@code rows} into new files {@code <directory>/<uuid>.parquet}, starting a new file
     * whenever one reaches the configured target size ({@value #TARGET_FILE_SIZE_KEY}, default 128
     * MiB). Compression: {@code parquet.compression} from {@code conf}, default SNAPPY.
     *
     * @param directory fully qualified directory URI (created if missing)
     * @param statsColumns top-level columns to collect min/max/null-count statistics of
     * @return one status per file: qualified path, size in bytes, modification time (ms) and
     *     statistics; empty if {@code rows} is empty
     * @throws IOException on a file system error (files already written stay; the caller owns their
     *     cleanup)
     * @throws IllegalArgumentException on a column type this writer does not support
     */
    static List<DataFileStatus> write(
            Configuration conf,
            String directory,
            StructType schema,
            List<Object[]> rows,
            List<Column> statsColumns)
            throws IOException {
        List<DataFileStatus> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        MessageType parquetSchema = parquetSchema(schema);
        long target = conf.getLong(TARGET_FILE_SIZE_KEY, DEFAULT_TARGET_FILE_SIZE);
        CompressionCodecName codec =
                CompressionCodecName.fromConf(conf.get("parquet.compression", "SNAPPY"));
        int next = 0;
        while (next < rows.size()) {
            Path path = new Path(directory, UUID.randomUUID() + ".parquet");
            ParquetWriter<Object[]> writer =
                    new Builder(HadoopOutputFile.fromPath(path, conf), schema, parquetSchema)
                            .withConf(conf)
                            .withWriteMode(ParquetFileWriter.Mode.CREATE)
                            .withCompressionCodec(codec)
                            .build();
            try (writer) {
                do {
                    writer.write(rows.get(next++));
                } while (next < rows.size() && writer.getDataSize() < target);
            }
            FileStatus st = path.getFileSystem(conf).getFileStatus(path);
            out.add(
                    new DataFileStatus(
                            st.getPath().toString(),
                            st.getLen(),
                            st.getModificationTime(),
                            Optional.of(statistics(writer.getFooter(), schema, statsColumns))));
        }
        return out;
    }

    /** The Parquet message type of a flat Delta schema. */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            Type.Repetition rep =
                    f.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            DataType t = f.getDataType();
            if (t instanceof StringType) {
                b.primitive(PrimitiveTypeName.BINARY, rep)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(f.getName());
            } else if (t instanceof IntegerType) {
                b.primitive(PrimitiveTypeName.INT32, rep).named(f.getName());
            } else if (t instanceof ShortType) {
                b.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.intType(16, true))
                        .named(f.getName());
            } else if (t instanceof ByteType) {
                b.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.intType(8, true))
                        .named(f.getName());
            } else if (t instanceof DateType) {
                b.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.dateType())
                        .named(f.getName());
            } else if (t instanceof LongType) {
                b.primitive(PrimitiveTypeName.INT64, rep).named(f.getName());
            } else if (t instanceof DoubleType) {
                b.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.getName());
            } else if (t instanceof FloatType) {
                b.primitive(PrimitiveTypeName.FLOAT, rep).named(f.getName());
            } else if (t instanceof BooleanType) {
                b.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.getName());
            } else {
                throw new IllegalArgumentException(
                        "column " + f.getName() + ": unsupported Delta column type " + t);
            }
        }
        return b.named("spark_schema");
    }

    private static DataFileStatistics statistics(
            ParquetMetadata footer, StructType schema, List<Column> statsColumns) {
        long records = 0;
        Map<String, Statistics<?>> merged = new HashMap<>();
        for (var block : footer.getBlocks()) {
            records += block.getRowCount();
            for (ColumnChunkMetaData c : block.getColumns()) {
                String name = c.getPath().toDotString();
                Statistics<?> s = c.getStatistics();
                merged.merge(
                        name,
                        s.copy(),
                        (a, n) -> {
                            a.mergeStatistics(n);
                            return a;
                        });
            }
        }
        Map<Column, Literal> min = new HashMap<>();
        Map<Column, Literal> max = new HashMap<>();
        Map<Column, Long> nulls = new HashMap<>();
        for (Column col : statsColumns) {
            String name = col.getNames()[0];
            Statistics<?> s = merged.get(name);
            if (s == null || !s.isNumNullsSet()) {
                continue;
            }
            DataType t = schema.get(name).getDataType();
            nulls.put(col, s.getNumNulls());
            if (s.getNumNulls() == records) {
                min.put(col, Literal.ofNull(t));
                max.put(col, Literal.ofNull(t));
            } else if (s.hasNonNullValue()) {
                min.put(col, literal(t, s.genericGetMin()));
                max.put(col, literal(t, s.genericGetMax()));
            }
        }
        return new DataFileStatistics(records, min, max, nulls, Optional.empty());
    }

    private static Literal literal(DataType t, Object v) {
        if (t instanceof StringType) {
            return Literal.ofString(((Binary) v).toStringUsingUTF8());
        } else if (t instanceof IntegerType) {
            return Literal.ofInt((Integer) v);
        } else if (t instanceof ShortType) {
            return Literal.ofShort(((Integer) v).shortValue());
        } else if (t instanceof ByteType) {
            return Literal.ofByte(((Integer) v).byteValue());
        } else if (t instanceof DateType) {
            return Literal.ofDate((Integer) v);
        } else if (t instanceof LongType) {
            return Literal.ofLong((Long) v);
        } else if (t instanceof DoubleType) {
            return Literal.ofDouble((Double) v);
        } else if (t instanceof FloatType) {
            return Literal.ofFloat((Float) v);
        }
        return Literal.ofBoolean((Boolean) v);
    }

    /** A {@code ParquetWriter} builder for {@code Object[]} rows. */
    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final StructType schema;
        private final MessageType parquetSchema;

        Builder(HadoopOutputFile file, StructType schema, MessageType parquetSchema) {
            super(file);
            this.schema = schema;
            this.parquetSchema = parquetSchema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema, parquetSchema);
        }

        /** Abstract (and deprecated) in parquet-hadoop 1.16; the overload above is the one used. */
        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, parquetSchema);
        }
    }

    /** Writes one {@code Object[]} row as one Parquet record. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final StructType schema;
        private final MessageType parquetSchema;
        private RecordConsumer consumer;

        RowWriteSupport(StructType schema, MessageType parquetSchema) {
            this.schema = schema;
            this.parquetSchema = parquetSchema;
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(parquetSchema, Map.of());
        }

        /** Abstract (and deprecated) in parquet-hadoop 1.16; the overload above is the one used. */
        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(Configuration conf) {
            return new WriteContext(parquetSchema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    if (!schema.at(i).isNullable()) {
                        throw new IllegalArgumentException(
                                "column " + schema.at(i).getName() + " is NOT NULL but got NULL");
                    }
                    continue;
                }
                String name = schema.at(i).getName();
                consumer.startField(name, i);
                if (v instanceof String s) {
                    consumer.addBinary(Binary.fromString(s));
                } else if (v instanceof Integer n) {
                    consumer.addInteger(n);
                } else if (v instanceof Short n) {
                    consumer.addInteger(n);
                } else if (v instanceof Byte n) {
                    consumer.addInteger(n);
                } else if (v instanceof Long n) {
                    consumer.addLong(n);
                } else if (v instanceof Double d) {
                    consumer.addDouble(d);
                } else if (v instanceof Float f) {
                    consumer.addFloat(f);
                } else if (v instanceof Boolean b) {
                    consumer.addBoolean(b);
                } else {
                    throw new IllegalArgumentException(
                            "column " + name + ": unsupported value type " + v.getClass());
                }
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }
    }
}
