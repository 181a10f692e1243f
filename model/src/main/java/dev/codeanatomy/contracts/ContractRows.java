package dev.codeanatomy.contracts;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.Row;

/** Conversions between a contract's columns and Flink's external {@link Row} type. */
public final class ContractRows {

    private ContractRows() {}

    /** The {@link RowTypeInfo} of a contract, with its column names. */
    public static RowTypeInfo typeInfo(DatasetContract contract) {
        TypeInformation<?>[] types = new TypeInformation<?>[contract.arity()];
        String[] names = new String[contract.arity()];
        for (int i = 0; i < types.length; i++) {
            ContractColumn c = contract.columns().get(i);
            names[i] = c.name();
            types[i] =
                    switch (c.type()) {
                        case STRING -> Types.STRING;
                        case INT -> Types.INT;
                        case BIGINT -> Types.LONG;
                        case BOOLEAN -> Types.BOOLEAN;
                        case DOUBLE -> Types.DOUBLE;
                    };
        }
        return new RowTypeInfo(types, names);
    }

    /**
     * The external row of an internal row in the contract's layout, with the same {@link
     * org.apache.flink.types.RowKind}.
     */
    public static Row toRow(DatasetContract contract, RowData data) {
        Row row = new Row(data.getRowKind(), contract.arity());
        for (int i = 0; i < contract.arity(); i++) {
            if (data.isNullAt(i)) {
                continue;
            }
            row.setField(
                    i,
                    switch (contract.columns().get(i).type()) {
                        case STRING -> data.getString(i).toString();
                        case INT -> data.getInt(i);
                        case BIGINT -> data.getLong(i);
                        case BOOLEAN -> data.getBoolean(i);
                        case DOUBLE -> data.getDouble(i);
                    });
        }
        return row;
    }
}
