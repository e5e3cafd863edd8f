package io.cameltogether.audio.client.realtime;

import java.time.Duration;

/**
 * Tells a silent server from a dead connection, and an idle session from one about to time out. A server that has
 * said nothing for half the silence timeout while answers are expected gets an echo; one that does not answer
 * within the other half is dead. Without audio for the keep-alive time, a little silence keeps the session open.
 */
final class LivenessWatch {

    enum Verdict { ALIVE, PROBE, DEAD }

    private final long halfSilenceNanos;
    private final long keepAliveNanos;
    private long lastServerEventAt;
    private long lastAudioAt;
    private long probeSentAt;

    LivenessWatch(Duration serverSilenceTimeout, Duration keepAliveInterval) {
        this.halfSilenceNanos = serverSilenceTimeout.toNanos() / 2;
        this.keepAliveNanos = keepAliveInterval.toNanos();
        this.lastAudioAt = System.nanoTime();
    }

    void serverSpoke(long now) {
        lastServerEventAt = now;
        probeSentAt = 0;
    }

    void audioSent(long now) {
        lastAudioAt = now;
    }

    /** @param awaitingAnswers whether a transcript or an echo is awaited besides those of recent audio */
    Verdict check(long now, boolean awaitingAnswers) {
        boolean expecting = awaitingAnswers || now - lastAudioAt < 2 * halfSilenceNanos;
        if (!expecting || now - lastServerEventAt <= halfSilenceNanos) {
            return Verdict.ALIVE;
        }
        if (probeSentAt == 0) {
            probeSentAt = now;
            return Verdict.PROBE;
        }
        return now - probeSentAt > halfSilenceNanos ? Verdict.DEAD : Verdict.ALIVE;
    }

    boolean keepAliveDue(long now) {
        return now - lastAudioAt > keepAliveNanos;
    }
}
