package dev.gaus.device.internal;

import dev.gaus.core.GausException;
import dev.gaus.core.KeyValueFile;
import dev.gaus.core.internal.Checks;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausClient;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.ProvisionResult;
import dev.gaus.device.ProvisionResult.Device;
import dev.gaus.device.Provisioner;
import dev.gaus.device.ProvisioningException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One run of {@link Provisioner}: registers the devices of a list that have no state file in the
 * folder yet, on one client with a bounded number of requests in flight, and saves each state as
 * {@code register --state} does.
 *
 * <p>What is shared is done once: one client (one connection pool, one TLS context), one
 * {@code fsync} of the {@link KeyJournal} per batch of keys, and one {@code fsync} of the folder
 * per batch of renamed state files (each state file itself is forced before its rename, so a
 * file that exists is always whole). A rename lost to a crash before its folder was forced only
 * means the device is registered again with its journalled key, and the server answers with the
 * same registration. The first device is registered alone: wrong product keys are then refused
 * once, not once per thread.
 */
public final class ProvisionRun {
    public static final String LOCK = ".gaus-provision.lock";

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Bootstrap bootstrap;
    private final Path caCertificate;
    private final String clientVersion;
    private final Path dir;
    private final int parallel;
    private final Provisioner.Listener listener;
    private final Supplier<GausClient> clients;
    private final String runTag = Long.toUnsignedString(new SecureRandom().nextLong(), 36);

    private String[] ids;
    private String[] names;
    private Device[] devices;
    private int[] pending;
    private KeyJournal journal;
    private GausClient client;
    private int cursor;
    private int durable;
    private int chunk;
    private int failed;
    private int provisioned;
    private RuntimeException failure;
    private String failedDeviceId;

    public ProvisionRun(Bootstrap bootstrap, Path caCertificate, String clientVersion, Path dir, int parallel,
            Provisioner.Listener listener, Supplier<GausClient> clients) {
        this.bootstrap = bootstrap;
        this.caCertificate = caCertificate;
        this.clientVersion = clientVersion;
        this.dir = dir.toAbsolutePath();
        this.parallel = parallel;
        this.listener = listener;
        this.clients = clients;
    }

    /** What is wrong with {@code deviceId} as a device of a list, or null when nothing is. */
    public static String problem(String deviceId) {
        // The protocol's limits (protocol.md, Decided here), checked as the request record does.
        if (deviceId.length() > RegisterRequest.MAX_DEVICE_ID_LENGTH) {
            return "is longer than " + RegisterRequest.MAX_DEVICE_ID_LENGTH + " characters";
        }
        if (Checks.hasControlCharacter(deviceId)) {
            return "holds a control character";
        }
        try {
            StateFileNames.of(deviceId);
            return null;
        } catch (IllegalArgumentException e) {
            return "makes a state file name longer than " + StateFileNames.MAX_NAME_BYTES + " bytes";
        }
    }

    public ProvisionResult run(List<String> deviceIds) {
        long start = System.nanoTime();
        prepare(deviceIds);
        if (ids.length == 0) {
            return result(start);
        }
        StateFile.checkWritable(dir.resolve(names[0]));
        try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lock(lockFile)) {
            removeStaleTemporaryFiles();
            findExisting();
            listener.started(pending.length, ids.length - pending.length);
            if (pending.length == 0) {
                deleteLeftoverJournal();
                return result(start);
            }
            journal = KeyJournal.open(dir, bootstrap.serverUrl().toString(),
                    bootstrap.productAuthParameters().accessKey());
            boolean complete = false;
            try {
                registerAll();
                complete = failure == null && provisioned == pending.length;
            } finally {
                forceDirectory();
                // Only a run that saved every device may forget the keys: any other end, even one
                // before the first request, leaves them for the next run.
                if (complete) {
                    journal.delete();
                } else {
                    journal.close();
                }
            }
        } catch (IOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot lock " + dir.resolve(LOCK) + ": "
                    + e.getClass().getSimpleName(), e);
        }
        if (failure instanceof GausException) {
            throw new ProvisioningException(failedDeviceId, result(start), (GausException) failure);
        } else if (failure != null) {
            throw failure;
        } else if (provisioned != pending.length) {
            throw new IllegalStateException("a provisioning thread ended without saying why; run again to resume");
        }
        return result(start);
    }

    private void prepare(List<String> deviceIds) {
        int n = deviceIds.size();
        ids = deviceIds.toArray(new String[0]);
        names = new String[n];
        devices = new Device[n];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (ids[i] == null) {
                throw new IllegalArgumentException("deviceId " + (i + 1) + " of the list is null");
            }
            String problem = ids[i].isEmpty() ? "is empty" : problem(ids[i]);
            if (problem != null) {
                // An id with a control character is not quoted: it could drive a terminal.
                throw new IllegalArgumentException("deviceId " + (Checks.hasControlCharacter(ids[i])
                        ? "number " + (i + 1) + " of the list" : ids[i]) + " " + problem);
            }
            if (!seen.add(ids[i])) {
                throw new IllegalArgumentException("deviceId " + ids[i] + " is listed more than once");
            }
            names[i] = StateFileNames.of(ids[i]);
        }
        chunk = Math.min(1024, Math.max(64, parallel * 8));
    }

    private static FileLock lock(FileChannel lockFile) throws IOException {
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new GausClientException(Reason.LOCAL_STATE, "another provisioning run is using this folder");
        }
        return lock;
    }

    private void findExisting() {
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            Path file = dir.resolve(names[i]);
            if (Files.exists(file)) {
                DeviceState state = StateFile.read(file).orElseThrow(() -> new GausClientException(
                        Reason.LOCAL_STATE, "cannot read device state " + file));
                devices[i] = new Device(ids[i], file, state.deviceAuthParameters().accessKey(), true);
            } else {
                todo.add(i);
            }
        }
        pending = todo.stream().mapToInt(Integer::intValue).toArray();
    }

    private void registerAll() {
        client = clients.get();
        // The first alone: a refusal for good stops the run before any other request is sent.
        work(1);
        if (failure != null) {
            return;
        }
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(parallel, pending.length - 1); t++) {
            Thread worker = new Thread(() -> work(Integer.MAX_VALUE), "gaus-provision-" + (t + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    fail(null, new GausClientException(Reason.INTERRUPTED, "provisioning was interrupted"));
                    workers.forEach(Thread::interrupt);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void work(int most) {
        for (int done = 0; done < most; done++) {
            int j;
            try {
                j = next();
            } catch (RuntimeException e) {
                fail(null, e);
                return;
            }
            if (j < 0) {
                return;
            }
            String deviceId = ids[pending[j]];
            try {
                provision(pending[j]);
            } catch (RuntimeException e) {
                fail(deviceId, e);
            }
        }
    }

    /** The next device to register, its key on disk; -1 when none is left or the run stopped. */
    private synchronized int next() {
        if (failure != null || cursor == pending.length) {
            return -1;
        }
        if (cursor == durable) {
            int end = Math.min(pending.length, durable + chunk);
            List<KeyJournal.Entry> fresh = new ArrayList<>();
            for (int j = durable; j < end; j++) {
                String name = names[pending[j]];
                if (journal.key(name) == null) {
                    fresh.add(new KeyJournal.Entry(UUID.randomUUID().toString(), name));
                }
            }
            journal.append(fresh);
            // Piggybacks the folder's fsync for the state files renamed since the last batch.
            forceDirectory();
            durable = end;
        }
        return cursor++;
    }

    private void provision(int i) {
        RegisterResponse answer = client.register(ids[i], bootstrap.productAuthParameters(), journal.key(names[i]));
        DeviceState state = new DeviceState(ids[i], answer.deviceAuthParameters(), bootstrap.serverUrl(),
                clientVersion, answer.pollIntervalSeconds(), caCertificate, bootstrap.updateKeys());
        Path file = dir.resolve(names[i]);
        save(file, state);
        Device device = new Device(ids[i], file, state.deviceAuthParameters().accessKey(), false);
        synchronized (this) {
            devices[i] = device;
            provisioned++;
        }
        listener.provisioned(device);
    }

    private synchronized void fail(String deviceId, RuntimeException e) {
        if (failure == null) {
            failure = e;
            failedDeviceId = deviceId;
        }
        if (deviceId != null) {
            failed++;
        }
    }

    /** Writes the state whole (temporary file, mode 0600, forced, renamed); the folder is forced in batches. */
    private void save(Path target, DeviceState state) {
        byte[] content = KeyValueFile.format(StateFile.values(state)).getBytes(StandardCharsets.UTF_8);
        Path tmp = null;
        try {
            // Named like KeyValueFile's temporary files, so StateFile's clean-up knows them too; the
            // folder's lock makes the name unique, and creating it opens it (one call, not three).
            tmp = dir.resolve("." + target.getFileName() + "." + runTag + ".tmp");
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (FileChannel channel = POSIX ? FileChannel.open(tmp, options, OWNER_ONLY) : FileChannel.open(tmp, options)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | SecurityException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "device " + state.deviceId() + " was registered but "
                    + target + " could not be written (" + e.getClass().getSimpleName()
                    + "); provisioning again gets the same registration back", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // Hidden, and removed by the next run.
                }
            }
        }
    }

    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a folder; renames are then as durable as they allow.
        }
    }

    /** A killed run leaves temporary state files, which hold keys. */
    private void removeStaleTemporaryFiles() {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(".") && name.contains(StateFileNames.SUFFIX + ".")
                    && (name.endsWith(".tmp") || name.endsWith(".probe"));
        })) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | SecurityException e) {
            // Only housekeeping.
        }
    }

    private void deleteLeftoverJournal() {
        try {
            Files.deleteIfExists(dir.resolve(KeyJournal.NAME));
        } catch (IOException e) {
            // Its keys are only taken up for devices without a state file, and there is none.
        }
    }

    private synchronized ProvisionResult result(long start) {
        List<Device> saved = new ArrayList<>();
        for (Device d : devices) {
            if (d != null) {
                saved.add(d);
            }
        }
        return new ProvisionResult(saved, provisioned, ids.length - (pending == null ? ids.length : pending.length),
                failed, Duration.ofNanos(System.nanoTime() - start));
    }
}
