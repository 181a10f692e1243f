package dev.codeanatomy.extractor.facts;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.IdDerivation;
import dev.codeanatomy.ids.HashPartsEncoder;
import dev.codeanatomy.udf.positions.LineIndex;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes the facts of one file into its bundle, in each contract's column order, with spans in
 * UTF-8 bytes plus 0-based line and UTF-8 byte column. Every id column is computed by the
 * contract's {@link IdDerivation} (e.g. {@code stable_id('CALL', file_id, bstart, bend)}), the same
 * declaration the job checks bundles against. Counts rows per dataset. Not thread-safe: one writer
 * per file.
 */
public final class FactWriter {

    /** The datasets this writer fills, with the columns it expects (checked at class load). */
    enum Dataset {
        CST_DEFS(
                Contracts.CST_DEFS,
                "file_id def_id parent_id kind name qualified_name SPAN"
                        + " name_bstart name_bend is_method is_async decorators"),
        CST_PARAMS(
                Contracts.CST_PARAMS,
                "file_id param_id parent_id name param_kind position"
                        + " has_default annotation SPAN name_bstart name_bend"),
        CST_CALLS(
                Contracts.CST_CALLS,
                "file_id call_id parent_id callee_text callee_name"
                        + " callee_bstart callee_bend arg_count SPAN"),
        CST_REFS(Contracts.CST_REFS, "file_id ref_id parent_id name ctx SPAN"),
        CST_IMPORTS(
                Contracts.CST_IMPORTS,
                "file_id import_id parent_id module name alias"
                        + " relative_level is_from name_bstart name_bend SPAN"),
        CST_BASES(
                Contracts.CST_BASES,
                "file_id base_id parent_id position text name_bstart" + " name_bend SPAN"),
        CST_REF_PATHS(
                Contracts.CST_REF_PATHS,
                "file_id path_id src_kind src_id member_name candidate root_kind root"
                        + " attr_path attr_count binding"),
        SCIP_OCCURRENCES(
                Contracts.SCIP_OCCURRENCES,
                "file_id symbol SPAN symbol_roles"
                        + " syntax_kind enclosing_bstart enclosing_bend"),
        SCIP_SYMBOLS(
                Contracts.SCIP_SYMBOLS,
                "file_id symbol kind display_name documentation"
                        + " relationships enclosing_symbol is_external");

        final DatasetContract contract;

        /** The contract's id derivation; null for the scip datasets, which have none. */
        final IdDerivation id;

        Dataset(DatasetContract contract, String columns) {
            this.contract = contract;
            this.id = contract.idDerivation().orElse(null);
            String expected =
                    columns.replace("SPAN", "bstart bend line_start col_start line_end col_end");
            String actual =
                    String.join(
                            " ", contract.columns().stream().map(ContractColumn::name).toList());
            if (!expected.equals(actual)) {
                throw new IllegalStateException(
                        contract
                                + " columns changed: the extractor writes ["
                                + expected
                                + "] but the contract has ["
                                + actual
                                + "]; update FactWriter");
            }
        }
    }

    private final String fileId;
    private final LineIndex lines;
    private final FileBundleBuilder builder;
    private final Map<Dataset, Integer> counts = new EnumMap<>(Dataset.class);
    private final HashPartsEncoder encoder = new HashPartsEncoder();

    /** A writer for the facts of {@code fileId}, whose text {@code lines} indexes. */
    public FactWriter(String fileId, LineIndex lines, FileBundleBuilder builder) {
        this.fileId = fileId;
        this.lines = lines;
        this.builder = builder;
    }

    /** The file's id. */
    public String fileId() {
        return fileId;
    }

    /** The line index of the file's text. */
    public LineIndex lines() {
        return lines;
    }

    /** Rows written per dataset name so far. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        counts.forEach((d, n) -> out.put(d.contract.name(), n));
        return out;
    }

    /**
     * Adds a row to {@code dataset}, first computing its id column (left null by the caller) with
     * the contract's derivation.
     *
     * @return the row's id, or null for a dataset without one
     */
    String add(Dataset dataset, Object... values) {
        String id = null;
        if (dataset.id != null) {
            id = dataset.id.compute(values, encoder);
            values[dataset.id.columnIndex()] = id;
        }
        builder.add(dataset.contract, values);
        counts.merge(dataset, 1, Integer::sum);
        return id;
    }

    /** A row of the given dataset whose span columns are computed from {@code bstart, bend}. */
    Object[] span(int bstart, int bend) {
        return new Object[] {
            bstart,
            bend,
            lines.line(bstart),
            lines.column(bstart),
            lines.line(bend),
            lines.column(bend)
        };
    }

    /** Concatenates value groups into one row. */
    static Object[] row(Object[]... parts) {
        int n = 0;
        for (Object[] p : parts) {
            n += p.length;
        }
        Object[] out = new Object[n];
        int i = 0;
        for (Object[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    static Object[] v(Object... values) {
        return values;
    }

    /**
     * Adds a {@code cst_defs} row.
     *
     * @param parentId the enclosing definition's id; null for the MODULE
     * @param kind MODULE, CLASS or FUNCTION
     * @return its {@code def_id}, {@code stable_id(kind, file_id, bstart, bend)}
     */
    public String def(
            String parentId,
            String kind,
            String name,
            String qualifiedName,
            int bstart,
            int bend,
            int nameStart,
            int nameEnd,
            boolean isMethod,
            boolean isAsync,
            String decoratorsJson) {
        return add(
                Dataset.CST_DEFS,
                row(
                        v(fileId, null, parentId, kind, name, qualifiedName),
                        span(bstart, bend),
                        v(nameStart, nameEnd, isMethod, isAsync, decoratorsJson)));
    }

    /** Adds a {@code cst_params} row. */
    public void param(
            String parentId,
            String name,
            String paramKind,
            int position,
            boolean hasDefault,
            String annotation,
            int bstart,
            int bend,
            int nameStart,
            int nameEnd) {
        add(
                Dataset.CST_PARAMS,
                row(
                        v(
                                fileId,
                                null,
                                parentId,
                                name,
                                paramKind,
                                position,
                                hasDefault,
                                annotation),
                        span(bstart, bend),
                        v(nameStart, nameEnd)));
    }

    /**
     * Adds a {@code cst_calls} row; the callee name columns may be null together.
     *
     * @return its {@code call_id}
     */
    public String call(
            String parentId,
            String calleeText,
            String calleeName,
            Integer calleeStart,
            Integer calleeEnd,
            int argCount,
            int bstart,
            int bend) {
        return add(
                Dataset.CST_CALLS,
                row(
                        v(
                                fileId,
                                null,
                                parentId,
                                calleeText,
                                calleeName,
                                calleeStart,
                                calleeEnd,
                                argCount),
                        span(bstart, bend)));
    }

    /** Adds a {@code cst_refs} row. */
    public void ref(String parentId, String name, String ctx, int bstart, int bend) {
        add(Dataset.CST_REFS, row(v(fileId, null, parentId, name, ctx), span(bstart, bend)));
    }

    /**
     * Adds a {@code cst_imports} row.
     *
     * @return its {@code import_id}
     */
    public String importRow(
            String parentId,
            String module,
            String name,
            String alias,
            int relativeLevel,
            boolean isFrom,
            int nameStart,
            int nameEnd,
            int bstart,
            int bend) {
        return add(
                Dataset.CST_IMPORTS,
                row(
                        v(
                                fileId,
                                null,
                                parentId,
                                module,
                                name,
                                alias,
                                relativeLevel,
                                isFrom,
                                nameStart,
                                nameEnd),
                        span(bstart, bend)));
    }

    /**
     * Adds a {@code cst_bases} row; the name columns may be null together.
     *
     * @return its {@code base_id}
     */
    public String base(
            String parentId,
            int position,
            String text,
            Integer nameStart,
            Integer nameEnd,
            int bstart,
            int bend) {
        return add(
                Dataset.CST_BASES,
                row(
                        v(fileId, null, parentId, position, text, nameStart, nameEnd),
                        span(bstart, bend)));
    }

    /**
     * Adds a {@code cst_ref_paths} row with {@code path_id = stable_id('REF_PATH', src_kind,
     * src_id, COALESCE(member_name, ''), candidate)} and {@code attr_count} counted from {@code
     * attrPath}.
     *
     * @param memberName the bound name of MEMBER and ALL rows, else null
     * @param root null only for root kind NONE
     * @param attrPath dotted attribute names after the root, {@code ""} when none
     */
    public void refPath(
            String srcKind,
            String srcId,
            String memberName,
            int candidate,
            String rootKind,
            String root,
            String attrPath,
            String binding) {
        int attrCount = 0;
        if (!attrPath.isEmpty()) {
            attrCount = 1;
            for (int i = 0; i < attrPath.length(); i++) {
                if (attrPath.charAt(i) == '.') {
                    attrCount++;
                }
            }
        }
        add(
                Dataset.CST_REF_PATHS,
                v(
                        fileId,
                        null,
                        srcKind,
                        srcId,
                        memberName,
                        candidate,
                        rootKind,
                        root,
                        attrPath,
                        attrCount,
                        binding));
    }

    /** Adds a {@code scip_occurrences} row; the enclosing columns may be null together. */
    public void occurrence(
            String symbol,
            int bstart,
            int bend,
            int roles,
            int syntaxKind,
            Integer enclosingStart,
            Integer enclosingEnd) {
        add(
                Dataset.SCIP_OCCURRENCES,
                row(
                        v(fileId, symbol),
                        span(bstart, bend),
                        v(roles, syntaxKind, enclosingStart, enclosingEnd)));
    }

    /** Adds a {@code scip_symbols} row. */
    public void symbol(
            String symbol,
            String kind,
            String displayName,
            String documentation,
            String relationshipsJson,
            String enclosingSymbol,
            boolean isExternal) {
        add(
                Dataset.SCIP_SYMBOLS,
                v(
                        fileId,
                        symbol,
                        kind,
                        displayName,
                        documentation,
                        relationshipsJson,
                        enclosingSymbol,
                        isExternal));
    }
}
