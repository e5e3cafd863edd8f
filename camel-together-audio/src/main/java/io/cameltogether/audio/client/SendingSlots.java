package io.cameltogether.audio.client;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The maxConcurrentRequests sending slots of one endpoint. A request takes a slot before it waits at its pacer, so
 * only as many requests as may be sent at once wait there, and the pace the pacer sets is the pace at which
 * requests leave: no queue of released requests builds up behind busy slots, to leave in a burst. Requests beyond
 * the slots wait here, in order, retries ahead.
 */
final class SendingSlots {

    /** A turn that knows its pacer. */
    interface Turn extends RatePacer.Turn {
        RatePacer pacer();
    }

    private final Deque<Turn> waiting = new ArrayDeque<>();
    private int free;

    SendingSlots(int slots) {
        this.free = slots;
    }

    /**
     * Takes a slot for the turn and queues it at its pacer, or queues it here for the next free slot.
     *
     * @param ahead before the turns already waiting: a retry, which has waited longer than they have
     */
    void enqueue(Turn turn, boolean ahead) {
        synchronized (this) {
            if (free == 0) {
                if (ahead) {
                    waiting.addFirst(turn);
                } else {
                    waiting.addLast(turn);
                }
                return;
            }
            free--;
        }
        turn.pacer().submit(turn, ahead);
    }

    /** An attempt ended, or a turn holding a slot was dropped: the slot goes to the next live turn waiting. */
    void release() {
        Turn next;
        synchronized (this) {
            do {
                next = waiting.pollFirst();
            } while (next != null && next.isCancelled());
            if (next == null) {
                free++;
                return;
            }
        }
        next.pacer().submit(next, true);
    }
}
