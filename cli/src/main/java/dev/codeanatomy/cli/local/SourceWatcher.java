package dev.codeanatomy.cli.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Watches a source tree (recursively) and reports batches of changed {@code .py} paths, relative to
 * the root and '/' separated, after 300 ms without further events.
 */
final class SourceWatcher implements AutoCloseable {

    private final Path root;
    private final WatchService watch;

    SourceWatcher(Path root) throws IOException {
        this.root = root;
        this.watch = FileSystems.getDefault().newWatchService();
        register(root);
    }

    private void register(Path dir) throws IOException {
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                            throws IOException {
                        d.register(
                                watch,
                                StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_MODIFY,
                                StandardWatchEventKinds.ENTRY_DELETE);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /** Blocks until at least one {@code .py} path changed; returns the debounced batch. */
    Set<String> nextBatch() throws InterruptedException, IOException {
        Set<String> changed = new TreeSet<>();
        WatchKey key = watch.take();
        while (key != null) {
            Path dir = (Path) key.watchable();
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.context() instanceof Path name) {
                    Path full = dir.resolve(name);
                    if (Files.isDirectory(full)) {
                        register(full);
                    } else if (name.toString().endsWith(".py")) {
                        changed.add(root.relativize(full).toString().replace('\\', '/'));
                    }
                }
            }
            key.reset();
            key = changed.isEmpty() ? watch.take() : watch.poll(300, TimeUnit.MILLISECONDS);
        }
        return changed;
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
