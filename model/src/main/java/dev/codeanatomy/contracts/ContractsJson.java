package dev.codeanatomy.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.bundle.BundleFormat;
import java.util.Locale;

/** The contracts as JSON, the machine-readable twin of their DDL. */
public final class ContractsJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ContractsJson() {}

    /**
     * Every contract as a JSON document: {@code {"bundle_format_version": 2, "datasets": [{"name",
     * "version", "role", "layer", "description", "primary_key", "owner_column", "bucket_column",
     * "id_derivation", "same_file_references", "columns": [{"name", "type", "nullable",
     * "description"}]}], "node_kinds": [...], "edge_kinds": [...]}}; {@code layer} is the input
     * dataset's {@link Layer} ({@code cst}, {@code scip}), null for outputs; {@code id_derivation}
     * is {@code {"column", "sql", "parts": [{"literal"} | {"column", "null_as"}]}} ({@link
     * IdDerivation}) or null.
     */
    public static ObjectNode document() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("bundle_format_version", BundleFormat.VERSION);
        ArrayNode datasets = root.putArray("datasets");
        for (DatasetContract c : Contracts.all()) {
            datasets.add(toJson(c));
        }
        ArrayNode nodes = root.putArray("node_kinds");
        for (CpgNodeKind k : CpgNodeKind.values()) {
            nodes.add(k.name());
        }
        ArrayNode edges = root.putArray("edge_kinds");
        for (CpgEdgeKind k : CpgEdgeKind.values()) {
            edges.add(k.name());
        }
        return root;
    }

    /** One contract as JSON. */
    public static ObjectNode toJson(DatasetContract c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", c.name());
        o.put("version", c.version());
        o.put("role", c.role().name().toLowerCase(Locale.ROOT));
        if (c.role() == DatasetContract.Role.INPUT) {
            o.put("layer", Layer.of(c).wireName());
        } else {
            o.putNull("layer");
        }
        o.put("description", c.description());
        ArrayNode pk = o.putArray("primary_key");
        c.primaryKey().forEach(pk::add);
        o.put("owner_column", c.ownerColumn());
        if (c.bucketColumn() == null) {
            o.putNull("bucket_column");
        } else {
            o.put("bucket_column", c.bucketColumn());
        }
        c.idDerivation()
                .ifPresentOrElse(
                        d -> {
                            ObjectNode id = o.putObject("id_derivation");
                            id.put("column", d.column());
                            id.put("sql", d.sql());
                            ArrayNode parts = id.putArray("parts");
                            for (IdDerivation.Part p : d.parts()) {
                                if (p instanceof IdDerivation.Literal l) {
                                    parts.addObject().put("literal", l.value());
                                } else if (p instanceof IdDerivation.ColumnPart cp) {
                                    parts.addObject()
                                            .put("column", cp.column())
                                            .put("null_as", cp.nullAs());
                                }
                            }
                        },
                        () -> o.putNull("id_derivation"));
        ArrayNode refs = o.putArray("same_file_references");
        c.sameFileReferences().forEach(refs::add);
        ArrayNode cols = o.putArray("columns");
        for (ContractColumn col : c.columns()) {
            cols.addObject()
                    .put("name", col.name())
                    .put("type", col.type().sqlName())
                    .put("nullable", col.nullable())
                    .put("description", col.description());
        }
        return o;
    }

    /** {@link #document()} as indented text. */
    public static String text() {
        try {
            return MAPPER.writeValueAsString(document());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("contracts JSON", e);
        }
    }
}
