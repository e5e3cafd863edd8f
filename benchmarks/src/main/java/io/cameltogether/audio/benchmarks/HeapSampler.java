package io.cameltogether.audio.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM's used heap every 5 ms between {@link #start} and {@link #stop}, after a GC for the baseline, and
 * counts the bytes all threads allocated meanwhile: growth of the heap with the audio would show in the peak.
 */
final class HeapSampler {
    final AtomicLong peak = new AtomicLong();
    long baseline;
    long allocated;
    private volatile boolean running;
    private Thread thread;

    void start() {
        allocated = -allocatedByAllThreads();
        System.gc();
        baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.set(baseline);
        running = true;
        thread = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
        allocated += allocatedByAllThreads();
    }

    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }
}
