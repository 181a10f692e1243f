package dev.codeanatomy.cli;

import dev.codeanatomy.bundle.BundleFormat;
import picocli.CommandLine.IVersionProvider;

/** Version line of {@code codeanatomy --version}: build version and bundle format version. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CodeAnatomyCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "codeanatomy "
                    + (v == null ? "dev" : v)
                    + " (bundle format v"
                    + BundleFormat.VERSION
                    + ")"
        };
    }
}
