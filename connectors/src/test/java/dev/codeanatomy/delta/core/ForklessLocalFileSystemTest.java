package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForklessLocalFileSystemTest {

    @TempDir java.nio.file.Path dir;

    @Test
    void configureMakesFileUrisUseItUnlessAnImplementationIsNamed() throws Exception {
        Configuration conf = ForklessLocalFileSystem.configure(new Configuration());
        assertThat(new Path(dir.toUri()).getFileSystem(conf))
                .isInstanceOf(ForklessLocalFileSystem.class);

        Configuration own = new Configuration();
        own.set(ForklessLocalFileSystem.IMPL_KEY, LocalFileSystem.class.getName());
        own.setBoolean(ForklessLocalFileSystem.DISABLE_CACHE_KEY, true);
        ForklessLocalFileSystem.configure(own);
        assertThat(own.get(ForklessLocalFileSystem.IMPL_KEY))
                .isEqualTo(LocalFileSystem.class.getName());
        assertThat(new Path(dir.toUri()).getFileSystem(own))
                .isNotInstanceOf(ForklessLocalFileSystem.class);
    }

    @Test
    void newFilesGetTheRequestedPermissionsAndChecksumsAsWithHadoopsLocalFileSystem()
            throws Exception {
        FileSystem fs =
                new Path(dir.toUri())
                        .getFileSystem(ForklessLocalFileSystem.configure(new Configuration()));
        Path file = new Path(dir.resolve("a.txt").toUri());
        try (FSDataOutputStream out = FileSystem.create(fs, file, new FsPermission((short) 0640))) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        fs.setPermission(file, new FsPermission((short) 0604));

        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(dir.resolve("a.txt"))))
                .isEqualTo("rw----r--");
        assertThat(dir.resolve(".a.txt.crc")).exists();
        try (var in = fs.open(file)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(fs.mkdirs(new Path(dir.resolve("d/e").toUri()), new FsPermission((short) 0750)))
                .isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("d/e"))))
                .isEqualTo("rwxr-x---");
    }

    @Test
    void fileContextWritesAndRenamesThroughItsCounterpartAsDeltasLogStoreDoes() throws Exception {
        Configuration conf = ForklessLocalFileSystem.configure(new Configuration());
        FileContext fc = FileContext.getFileContext(dir.toUri(), conf);
        assertThat(fc.getDefaultFileSystem()).isInstanceOf(ForklessLocalFileSystem.Fs.class);
        Path tmp = new Path(dir.resolve(".00000.json.tmp").toUri());
        Path commit = new Path(dir.resolve("00000.json").toUri());
        try (FSDataOutputStream out =
                fc.create(tmp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        fc.rename(tmp, commit, Options.Rename.NONE);

        assertThat(dir.resolve("00000.json")).hasContent("{}");
        assertThat(dir.resolve(".00000.json.crc")).exists();
        assertThat(dir.resolve(".00000.json.tmp")).doesNotExist();
        assertThat(fc.getFileLinkStatus(commit).isSymlink()).isFalse();
        assertThatThrownBy(() -> fc.rename(tmp, commit, Options.Rename.NONE))
                .isInstanceOf(FileNotFoundException.class);

        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("00000.json"));
        Path link = new Path(dir.resolve("link").toUri());
        FileStatus hadoops =
                FileContext.getFileContext(dir.toUri(), new Configuration())
                        .getFileLinkStatus(link);
        FileStatus ours = fc.getFileLinkStatus(link);
        assertThat(ours.isSymlink()).isEqualTo(hadoops.isSymlink());
        assertThat(ours.getLen()).isEqualTo(hadoops.getLen());
    }

    @Test
    void everyRwxBitMapsToItsPosixPermission() {
        assertThat(
                        PosixFilePermissions.toString(
                                ForklessLocalFileSystem.posix(new FsPermission((short) 01754))))
                .isEqualTo("rwxr-xr--");
        assertThat(ForklessLocalFileSystem.posix(new FsPermission((short) 0))).isEmpty();
        assertThat(
                        PosixFilePermissions.toString(
                                ForklessLocalFileSystem.posix(new FsPermission((short) 0777))))
                .isEqualTo("rwxrwxrwx");
    }
}
