package dev.seedwatch.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two runs from sharing one state directory. An OS file lock rather than a marker file: the kernel releases
 * it when the process dies, even by SIGKILL, so a crash never leaves a stale lock behind.
 */
public final class StateLock implements AutoCloseable {

    public static final String FILE = "seedwatch.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws LockedException when another process holds the lock */
    public static StateLock acquire(Path stateDir) throws IOException, LockedException {
        Files.createDirectories(stateDir);
        Path file = stateDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = "";
            try {
                holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            } catch (IOException ignored) {
                // the holder's description is only a courtesy
            }
            channel.close();
            throw new LockedException("another seedwatch run is using state dir " + stateDir
                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; not starting a second one");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        return new StateLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    public static final class LockedException extends Exception {
        public LockedException(String message) {
            super(message);
        }
    }
}
