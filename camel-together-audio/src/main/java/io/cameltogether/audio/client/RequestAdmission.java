package io.cameltogether.audio.client;

/**
 * Bounds the requests a client holds. Up to {@code maxConcurrentRequests} are being sent (as {@link RetryingSender}
 * sees to) and up to {@code maxQueuedRequests} more wait their turn, holding a reference to their audio and no thread. Past that the
 * sender's thread waits for room: back-pressure on whatever feeds the client (a file consumer polls no further, a
 * Kafka consumer fetches no more), never a refusal. Closing wakes waiting senders with an error.
 */
final class RequestAdmission {

    private final int capacity;
    private int held;
    private boolean closed;

    RequestAdmission(int maxConcurrentRequests, int maxQueuedRequests) {
        this.capacity = (int) Math.min(Integer.MAX_VALUE, (long) maxConcurrentRequests + maxQueuedRequests);
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
