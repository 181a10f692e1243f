package dev.codeanatomy.contracts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A fact layer: the input datasets of one file that are produced, published and replaced together.
 * Each layer of a file is atomic (one bundle holds all of that layer's facts of the file) and
 * independent of the file's other layers, so a SCIP index can refresh the {@code scip} layer of
 * unchanged files without touching their {@code cst} layer.
 *
 * <ul>
 *   <li>{@link #CST}: tree-sitter facts, published by every extractor run for the files that
 *       changed: {@code files} and every {@code cst_*} dataset (every input dataset not in another
 *       layer);
 *   <li>{@link #SCIP}: facts of one SCIP document, published whenever an index is produced: {@code
 *       scip_documents} (the content hash of the text that was indexed), {@code scip_occurrences},
 *       {@code scip_symbols}.
 * </ul>
 *
 * A live bundle of a layer has exactly one row of the layer's {@link #head()} dataset, which
 * describes the text the layer's spans refer to ({@code size_bytes}, {@code line_count}).
 */
public enum Layer {
    /** Tree-sitter facts; head dataset {@code files}. */
    CST,
    /** SCIP facts of one document; head dataset {@code scip_documents}. */
    SCIP;

    private static final List<DatasetContract> SCIP_DATASETS =
            List.of(Contracts.SCIP_DOCUMENTS, Contracts.SCIP_OCCURRENCES, Contracts.SCIP_SYMBOLS);

    /** The name on the wire and in messages: {@code cst}, {@code scip}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layer's input datasets, in {@link Contracts#INPUTS} order. */
    public List<DatasetContract> datasets() {
        return Contracts.INPUTS.stream().filter(c -> of(c) == this).toList();
    }

    /** The dataset with the one row per live bundle that describes the file's text. */
    public DatasetContract head() {
        return this == CST ? Contracts.FILES : Contracts.SCIP_DOCUMENTS;
    }

    /**
     * The layer of an input dataset.
     *
     * @throws IllegalArgumentException for an output dataset
     */
    public static Layer of(DatasetContract contract) {
        if (contract.role() != DatasetContract.Role.INPUT) {
            throw new IllegalArgumentException(contract + " is an output, it has no layer");
        }
        return SCIP_DATASETS.contains(contract) ? SCIP : CST;
    }

    /** The layer of a wire name ({@code cst}, {@code scip}), if it is one. */
    public static Optional<Layer> fromWireName(String name) {
        for (Layer l : values()) {
            if (l.wireName().equals(name)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The wire names of every layer, e.g. {@code cst, scip}, for messages. */
    public static String wireNames() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Layer::wireName).toList());
    }
}
