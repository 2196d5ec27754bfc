package dev.gaus.device.cli;

import dev.gaus.device.ProvisionResult;
import dev.gaus.device.Provisioner;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The progress of {@code provision} on a terminal: one line redrawn in place a few times a second,
 * with a bar, the count, the rate and the time left. It shows counts only, never an id or a key.
 */
final class ProgressLine implements Provisioner.Listener, AutoCloseable {
    private static final long TICK_MILLIS = 250;
    private static final int BAR = 24;

    private final PrintWriter err;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile long startNanos;
    private volatile boolean closed;
    private Thread ticker;
    private int width;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void started(int toProvision, int skipped) {
        total = toProvision;
        startNanos = System.nanoTime();
        if (toProvision == 0 || closed) {
            return;
        }
        ticker = new Thread(this::tick, "gaus-provision-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void provisioned(ProvisionResult.Device device) {
        done.incrementAndGet();
    }

    private void tick() {
        while (!closed) {
            draw();
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw() {
        if (closed) {
            return;
        }
        String line = format(done.get(), total, (System.nanoTime() - startNanos) / 1e9);
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    /** {@code [#######.................]  412/2000  1375 devices/s  0:01 left}. */
    static String format(int done, int total, double seconds) {
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 ? clock((total - done) / rate) + " left" : "--:-- left";
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + done + "/" + total + "  "
                + String.format(Locale.ROOT, "%.0f", rate) + " devices/s  " + left;
    }

    private static String clock(double seconds) {
        long s = (long) Math.ceil(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Stops redrawing and clears the line, so what is printed next starts on a clean one. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = ticker;
            if (width > 0) {
                err.print("\r" + " ".repeat(width) + "\r");
                err.flush();
            }
        }
        if (t != null) {
            t.interrupt();
        }
    }
}
