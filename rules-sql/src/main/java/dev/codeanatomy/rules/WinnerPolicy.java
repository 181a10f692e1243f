package dev.codeanatomy.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A declared winner policy: among the candidate rows of one partition, the first row in the given
 * order wins. Compiled to {@code ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) = 1}.
 *
 * @param partitionBy candidate columns that define one contest (e.g. the call site)
 * @param orderBy ordered criteria, best first; the last ones are the tie-breakers
 * @param key candidate columns that identify a candidate row uniquely; the ordering is total only
 *     when partition and order columns together cover this key
 */
public record WinnerPolicy(List<String> partitionBy, List<OrderKey> orderBy, List<String> key) {

    /** One ordering criterion: a candidate column and its direction. */
    public record OrderKey(String column, boolean descending) {
        @Override
        public String toString() {
            return column + (descending ? " DESC" : " ASC");
        }
    }

    public WinnerPolicy {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
        key = List.copyOf(key);
    }

    /** The canonical text of the policy, used in fingerprints and manifests. */
    @Override
    public String toString() {
        return "PARTITION BY "
                + String.join(", ", partitionBy)
                + " ORDER BY "
                + orderBy.stream().map(OrderKey::toString).collect(Collectors.joining(", "))
                + " KEY "
                + String.join(", ", key);
    }
}
