package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.BundleAssembler;
import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.BundleIdentity;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.contracts.ContractUpgrades;
import java.util.SortedMap;

/**
 * The checks a whole bundle, or a manifest with its chunks, must pass before its facts are used:
 * size ({@link BundleAdmission#maxBundleBytes()}), assembly and decoding against the contracts
 * ({@link BundleAssembler}), then identity ({@link BundleIdentity}). Shared by the snapshot diff
 * and batch mode's newest-run selection, so both refuse the same bundles with the same dead-letter
 * stage and reason. The repository allow-list is not part of it: the diff judges a deletion by the
 * layer's live bundle.
 */
final class BundleCheck {

    /**
     * The outcome: a bundle and its bytes, or the dead-letter stage and reason of a refusal.
     *
     * @param bundle the decoded bundle; null when refused
     * @param bytes the {@code FileBundle} bytes (whole, or assembled from the chunks)
     * @param stage {@code bundle-assembly} or {@code identity} when refused, else null
     * @param reason why it was refused, else null
     */
    record Outcome(DecodedBundle bundle, byte[] bytes, String stage, String reason) {
        boolean refused() {
            return stage != null;
        }
    }

    private BundleCheck() {}

    /**
     * Checks {@code r}, a whole bundle or a manifest.
     *
     * @param chunks for a manifest, the chunks held for its run by index (ignored for a bundle)
     * @param upgrades the contract versions read: an older dataset version with an upgrader path
     *     decodes into current-version rows, any other is refused ({@code bundle-assembly})
     */
    static Outcome check(
            BundleRecord r,
            SortedMap<Integer, byte[]> chunks,
            BundleAdmission admission,
            ContractUpgrades upgrades) {
        byte[] bytes;
        DecodedBundle bundle;
        try {
            if (r.type() == RecordType.BUNDLE) {
                bytes = r.value();
                String oversize = admission.sizeRejection(bytes.length);
                if (oversize != null) {
                    return new Outcome(null, bytes, "bundle-assembly", oversize);
                }
                bundle = BundleAssembler.decodeChecked(r, bytes, upgrades);
            } else {
                bytes = BundleAssembler.assembleBytes(r, chunks);
                bundle = BundleAssembler.decodeManifested(r, bytes, upgrades);
            }
        } catch (BundleRejectedException e) {
            return new Outcome(null, null, "bundle-assembly", e.reason());
        }
        try {
            BundleIdentity.check(bundle);
        } catch (BundleRejectedException e) {
            return new Outcome(null, bytes, "identity", e.reason());
        }
        return new Outcome(bundle, bytes, null, null);
    }
}
