package dev.codeanatomy.delta.core;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:} URIs, checksum files included, as {@link
 * LocalFileSystem}) that sets permissions through {@code java.nio} instead of forking {@code
 * chmod}.
 *
 * <p>Why: without Hadoop's native library ({@code libhadoop}, which the job's jar does not ship),
 * {@link RawLocalFileSystem#setPermission} runs {@code chmod} in a child process, and {@code
 * create} calls it for every new file and again for its {@code .crc} file. Forking a JVM that holds
 * gigabytes costs 10–40 ms of CPU each time: creating 1,000 small files took 15.2 s (20 CPU s) with
 * Hadoop 3.4.2's {@code LocalFileSystem} and 0.9 s with this class, and a full build of the
 * standard library creates about 2,000 data and change data files plus staged changes and log
 * entries. Permission bits are the same (owner/group/other read, write, execute; the sticky bit is
 * not set on files); on a file system without POSIX attributes it falls back to Hadoop's way.
 *
 * <p>Delta's log store writes commits through Hadoop's {@code FileContext} API, which has its own
 * local file system ({@code LocalFs}: a new file's permissions and, at the rename that publishes a
 * commit, a {@code readlink} per path): {@link Fs} is that API's counterpart of this class.
 *
 * <p>{@link #configure} makes a Hadoop configuration use both for {@code file:}; {@code
 * DeltaTableSpec} and the change data feed source do so unless the user set {@value #IMPL_KEY}.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {

    /** Hadoop's key of the {@code file:} scheme's implementation class. */
    public static final String IMPL_KEY = "fs.file.impl";

    /** Hadoop's key of the {@code file:} scheme's {@code FileContext} implementation class. */
    public static final String FILE_CONTEXT_IMPL_KEY = "fs.AbstractFileSystem.file.impl";

    /** Hadoop's key that turns the {@code file:} file system cache off. */
    static final String DISABLE_CACHE_KEY = "fs.file.impl.disable.cache";

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE,
        PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ
    };

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /**
     * Makes {@code conf} resolve {@code file:} to this class, unless it names an implementation
     * already. Hadoop caches one file system per scheme and user, and the first one created in the
     * JVM wins whatever a later configuration says, so the cache is turned off for {@code file:} in
     * {@code conf} (creating this file system does no I/O). The {@code FileContext} implementation
     * ({@value #FILE_CONTEXT_IMPL_KEY}) becomes {@link Fs} while it is Hadoop's default, {@code
     * org.apache.hadoop.fs.local.LocalFs}.
     *
     * @return {@code conf}
     */
    public static Configuration configure(Configuration conf) {
        if (conf.get(IMPL_KEY) == null) {
            conf.set(IMPL_KEY, ForklessLocalFileSystem.class.getName());
            conf.setBoolean(DISABLE_CACHE_KEY, true);
        }
        if (conf.get(FILE_CONTEXT_IMPL_KEY, "").equals("org.apache.hadoop.fs.local.LocalFs")) {
            conf.set(FILE_CONTEXT_IMPL_KEY, Fs.class.getName());
        }
        return conf;
    }

    /** The POSIX permissions of a Hadoop permission's rwx bits. */
    static Set<PosixFilePermission> posix(FsPermission permission) {
        int bits = permission.toShort();
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(BITS[i]);
            }
        }
        return out;
    }

    /** The raw local file system under the checksums, without the forks. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }

        /** A path that is no symbolic link is its own link status; Hadoop asks {@code readlink}. */
        @Override
        public FileStatus getFileLinkStatus(Path f) throws IOException {
            if (!Files.isSymbolicLink(pathToFile(f).toPath())) {
                return getFileStatus(f);
            }
            return super.getFileLinkStatus(f);
        }
    }

    /**
     * The {@code FileContext} ({@code AbstractFileSystem}) form, as Hadoop's {@code LocalFs}:
     * checksums over {@link Raw}. Hadoop creates it through the public {@code (URI, Configuration)}
     * constructor.
     */
    public static final class Fs extends ChecksumFs {
        public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(new RawFs(conf));
        }
    }

    /** {@link Raw} behind the {@code AbstractFileSystem} API, as Hadoop's {@code RawLocalFs}. */
    static final class RawFs extends DelegateToFileSystem {
        RawFs(Configuration conf) throws IOException, URISyntaxException {
            super(
                    FsConstants.LOCAL_FS_URI,
                    new Raw(),
                    conf,
                    FsConstants.LOCAL_FS_URI.getScheme(),
                    false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        /** As {@code RawLocalFs}: local file systems differ in what they accept; the OS decides. */
        @Override
        public boolean isValidName(String src) {
            return true;
        }
    }
}
