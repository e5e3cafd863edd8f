package io.cameltogether.audio.client;

/**
 * Bounds the requests a client holds. Up to {@code maxConcurrentRequests} are being sent and up to
 * {@code maxQueuedRequests} more wait their turn, holding a reference to their audio and no thread. Past that the
 * sender's thread waits for room: back-pressure on whatever feeds the client (a file consumer polls no further, a
 * Kafka consumer fetches no more), never a refusal. Closing wakes waiting senders with an error.
 */
final class RequestAdmission {

    private final int capacity;
    private final int sendingSlots;
    private int held;
    private int sending;
    private boolean closed;

    RequestAdmission(int maxConcurrentRequests, int maxQueuedRequests) {
        this.capacity = (int) Math.min(Integer.MAX_VALUE, (long) maxConcurrentRequests + maxQueuedRequests);
        this.sendingSlots = maxConcurrentRequests;
    }

    /**
     * Takes a place, waiting for one while all are held, unless told not to wait: then it takes one over the bound
     * (a thread that must not wait, because it may be the one that frees a place).
     */
    synchronized void enter(boolean mayWait) {
        while (mayWait && !closed && held >= capacity) {
            await("room among the " + capacity
                    + " requests this client holds at once (maxConcurrentRequests + maxQueuedRequests)");
        }
        failIfClosed();
        held++;
    }

    /** Gives back a place once a request has ended, whatever its outcome. */
    synchronized void leave() {
        held--;
        notifyAll();
    }

    /**
     * Takes one of the maxConcurrentRequests sending slots for one attempt, waiting while all are taken. The
     * executor has as many threads as slots, so its attempts wait only for attempts running on callers' threads.
     */
    synchronized void startSending() {
        while (!closed && sending >= sendingSlots) {
            await("one of the " + sendingSlots + " requests this client sends at once (maxConcurrentRequests)");
        }
        failIfClosed();
        sending++;
    }

    synchronized void finishSending() {
        sending--;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void await(String what) {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TogetherAudioException("interrupted while waiting for " + what + "; not sent");
        }
    }

    private void failIfClosed() {
        if (closed) {
            throw new TogetherAudioException("the Together audio client is stopping: the request was not sent");
        }
    }
}
