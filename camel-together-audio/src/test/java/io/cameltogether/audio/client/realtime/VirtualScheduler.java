package io.cameltogether.audio.client.realtime;

import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on a virtual clock, for tests of what runs on one: tasks run on the test's thread, in the order of
 * their due times, when {@link #runUntilIdle()} is called, and the clock jumps to each task's time.
 */
public final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final class Task extends FutureTask<Object> implements ScheduledFuture<Object> {
        final long dueNanos;
        final long sequence;

        Task(Runnable task, long dueNanos) {
            super(task, null);
            this.dueNanos = dueNanos;
            this.sequence = scheduled++;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task that = (Task) other;
            return dueNanos != that.dueNanos ? Long.compare(dueNanos, that.dueNanos) : Long.compare(sequence, that.sequence);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long scheduled;

    /** The virtual time, in nanoseconds. */
    public long nanoTime() {
        return now;
    }

    /** Runs every task, those they schedule included, advancing the clock to each one's due time. */
    public void runUntilIdle() {
        runDueBy(Long.MAX_VALUE);
    }

    /** Runs the tasks due by {@code nanos} of virtual time, and leaves the clock there. */
    public void runUntil(long nanos) {
        runDueBy(nanos);
        now = Math.max(now, nanos);
    }

    private void runDueBy(long nanos) {
        for (Task task = pollDueBy(nanos); task != null; task = pollDueBy(nanos)) {
            now = Math.max(now, task.dueNanos);
            task.run();
        }
    }

    private synchronized Task pollDueBy(long nanos) {
        return queue.isEmpty() || queue.peek().dueNanos > nanos ? null : queue.poll();
    }

    private synchronized Task add(Runnable command, long delayNanos) {
        Task task = new Task(command, now + Math.max(0, delayNanos));
        queue.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(delay));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
