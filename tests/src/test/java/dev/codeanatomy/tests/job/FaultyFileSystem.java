package dev.codeanatomy.tests.job;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local file system under the scheme {@code faulty:} (a table at {@code faulty:///tmp/t} is the
 * directory {@code /tmp/t}), which fails one armed I/O call on purpose: a Delta sink writing
 * through it can be made to fail at the points where exactly-once is at stake.
 *
 * <p>Registered for Hadoop by {@link #register()} (a default configuration resource naming this
 * class for {@code fs.faulty.impl} and {@link Abstract} for {@code fs.AbstractFileSystem.faulty
 * .impl}, which Delta's {@code HDFSLogStore} uses through {@code FileContext}). The armed fault is
 * static: the job runs on a MiniCluster in the test's JVM.
 */
public class FaultyFileSystem extends RawLocalFileSystem {

    /** The URI scheme. */
    public static final String SCHEME = "faulty";

    private static final URI ROOT = URI.create(SCHEME + ":///");

    /** A commit file, {@code _delta_log/<20 digits>.json} (Delta protocol "Delta Log Entries"). */
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

    /** Where an armed fault strikes. */
    enum Fault {
        /** A sink writer's staged changes file cannot be created: the writer task fails. */
        STAGE_WRITE,
        /**
         * The commit's data and change data files are written, its commit file is not: the
         * committer fails between file write and commit.
         */
        BEFORE_COMMIT,
        /**
         * The commit file is written, then the committer fails: Flink never learns that the
         * checkpoint's committable was committed.
         */
        AFTER_COMMIT
    }

    private static final AtomicReference<Fault> ARMED = new AtomicReference<>();
    private static final Map<Fault, AtomicInteger> FIRED = new EnumMap<>(Fault.class);

    static {
        for (Fault f : Fault.values()) {
            FIRED.put(f, new AtomicInteger());
        }
    }

    /** Makes every Hadoop {@link Configuration} created from now on resolve {@code faulty:}. */
    static void register() {
        Configuration.addDefaultResource("faulty-filesystem.xml");
    }

    /** Arms {@code fault}: the next I/O call it matches fails once. */
    static void arm(Fault fault) {
        ARMED.set(fault);
    }

    /** Disarms a fault that has not struck; returns whether one was armed. */
    static boolean disarm() {
        return ARMED.getAndSet(null) != null;
    }

    /** How many times {@code fault} struck. */
    static int fired(Fault fault) {
        return FIRED.get(fault).get();
    }

    /** {@code faulty://} + the absolute local path of {@code dir}. */
    static String uri(java.nio.file.Path dir) {
        return SCHEME + "://" + dir.toAbsolutePath();
    }

    private static boolean strike(Fault fault) {
        if (ARMED.compareAndSet(fault, null)) {
            FIRED.get(fault).incrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public URI getUri() {
        return ROOT;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    protected OutputStream createOutputStreamWithMode(
            Path f, boolean append, FsPermission permission) throws IOException {
        if (f.toUri().getPath().contains("/_flink_staging/") && strike(Fault.STAGE_WRITE)) {
            throw new IOException("injected failure: cannot create staged changes " + f);
        }
        return super.createOutputStreamWithMode(f, append, permission);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        boolean commit = isDataCommit(dst);
        if (commit && strike(Fault.BEFORE_COMMIT)) {
            throw new IOException(
                    "injected failure: data files written, commit file " + dst + " not");
        }
        boolean renamed = super.rename(src, dst);
        if (commit && renamed && strike(Fault.AFTER_COMMIT)) {
            throw new IOException("injected failure after writing commit file " + dst);
        }
        return renamed;
    }

    /** A commit file after the table's creation (version 0 holds no data). */
    private static boolean isDataCommit(Path p) {
        String name = p.getName();
        return p.getParent() != null
                && p.getParent().getName().equals("_delta_log")
                && COMMIT_FILE.matcher(name).matches()
                && Long.parseLong(name.substring(0, 20)) > 0;
    }

    /** {@link FaultyFileSystem} for Hadoop's {@code FileContext}. */
    public static final class Abstract extends DelegateToFileSystem {
        public Abstract(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new FaultyFileSystem(), conf, SCHEME, false);
        }
    }
}
