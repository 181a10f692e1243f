package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.DeltaSwitch;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import java.io.Serializable;
import java.util.Objects;

/**
 * The reconcile mode of a sink (blue/green rule upgrades, {@code 'sink.reconcile.shadow-path'}):
 * the committer commits every checkpoint into the shadow table at {@code shadowPath} instead of the
 * live table, until a {@link dev.codeanatomy.delta.core.SwitchRequest} appears in the shadow
 * table's directory; after it has committed a checkpoint at or past the request's, it makes one
 * switch commit on the live table ({@link DeltaSwitch}, as {@code mode} says) and from then on
 * commits into the live table. Whether the switch happened is read from the live table (it holds
 * the switch's txn), so it survives failures and restores without operator state.
 *
 * @param shadowPath the shadow table's path (a directory of its own, not under the live table)
 * @param mode how the switch turns the live rows into the shadow's
 */
public record Reconcile(String shadowPath, DeltaSwitch.Mode mode) implements Serializable {

    public Reconcile {
        Objects.requireNonNull(shadowPath, "shadowPath");
        Objects.requireNonNull(mode, "mode");
    }

    /** The shadow table's spec: {@code live}'s with the shadow path. */
    public DeltaTableSpec shadowSpec(DeltaTableSpec live) {
        if (stripSlash(shadowPath).equals(stripSlash(live.tablePath()))) {
            throw new IllegalArgumentException(
                    "sink.reconcile.shadow-path must differ from the table path "
                            + live.tablePath());
        }
        return live.withTablePath(shadowPath);
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
