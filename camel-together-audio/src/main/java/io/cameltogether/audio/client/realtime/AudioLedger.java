package io.cameltogether.audio.client.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.realtime.Fences.Fence;
import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * A session's account of its audio: what is held for replay, sent, fenced and covered by transcripts, and who waits
 * for room. It decides where fences go (at pauses, at commits, and when the replay buffer is full), writes frames
 * and fences in order, and settles fences. Used on the session's context only.
 */
final class AudioLedger {

    /** An append's frames, built on the caller's thread, and where in it a pause ended (or -1). */
    record Frames(List<ReplayBuffer.Chunk> chunks, int pauseAt, int length) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AudioLedger.class);
    /** A pause this much longer than the server's minimum silence has ended the server's turn. */
    private static final int PAUSE_MARGIN_MS = 100;

    private final String sessionId;
    private final int bytesPerSecond;
    private final int maxFrameBytes;
    private final long replayBytes;
    private final ReplayBuffer buffer;
    private final Fences fences;
    private final TranscriptTimeline timeline;
    private final QuietPoints pauses;
    private final ArrayDeque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private final CoverageWatch coverage;
    private long droppedBeforeOutage;

    /**
     * @param streamStartSeconds where in a longer stream (a call) the session's audio starts
     * @param afterThisEvent     runs a task on the session's context after the event being handled
     * @param deliveredSoFar     completes once what the listener was handed so far is delivered
     */
    AudioLedger(String sessionId, RealtimeSessionConfig config, RealtimeSettings settings, int maxFrameMillis,
                double streamStartSeconds, Executor afterThisEvent, Supplier<CompletableFuture<Void>> deliveredSoFar) {
        this.sessionId = sessionId;
        this.coverage = new CoverageWatch(afterThisEvent, deliveredSoFar);
        this.bytesPerSecond = config.format().bytesPerSecond();
        this.maxFrameBytes = bytesPerSecond * maxFrameMillis / 1000;
        this.replayBytes = settings.recovery().replayBufferDuration().toMillis() * bytesPerSecond / 1000;
        this.buffer = new ReplayBuffer(replayBytes);
        this.fences = new Fences(sessionId, settings.finalTranscriptQuiet().toNanos());
        this.timeline = new TranscriptTimeline(bytesPerSecond, streamStartSeconds);
        TurnDetection turns = config.turnDetection();
        this.pauses = turns.serverVad() ? new QuietPoints(config.format().sampleRate(),
                (turns.minSilenceDurationMs() == null ? 500 : turns.minSilenceDurationMs()) + PAUSE_MARGIN_MS) : null;
    }

    /** Whether appends can wait for coverage: only server turn detection lets the session force a turn's end. */
    boolean canFlowControl() {
        return pauses != null;
    }

    /** Splits PCM into append frames, cut where a pause ends so that a fence can go there. Any thread. */
    Frames frames(byte[] pcm, boolean pinned) {
        int pause = pauses == null ? -1 : pauses.feed(pcm);
        List<ReplayBuffer.Chunk> chunks = new ArrayList<>();
        if (pause > 0 && pause < pcm.length) {
            framesOf(pcm, 0, pause, pinned, chunks);
            framesOf(pcm, pause, pcm.length, pinned, chunks);
        } else {
            framesOf(pcm, 0, pcm.length, pinned, chunks);
        }
        return new Frames(chunks, pause, pcm.length);
    }

    private void framesOf(byte[] pcm, int from, int to, boolean pinned, List<ReplayBuffer.Chunk> into) {
        for (int at = from; at < to; at += maxFrameBytes) {
            int end = Math.min(to, at + maxFrameBytes);
            into.add(new ReplayBuffer.Chunk(end - at, RealtimeProtocol.append(pcm, at, end), pinned));
        }
    }

    /** Milliseconds of audio already waiting for a connection, if these frames would overrun the bound; else -1. */
    long overrun(Frames frames) {
        return buffer.unsentBytes() + frames.length() > replayBytes ? buffer.unsentBytes() * 1000 / bytesPerSecond : -1;
    }

    /** Holds the frames; completes when the last is on the socket. */
    CompletableFuture<Void> add(Frames frames) {
        long start = buffer.end();
        CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
        for (ReplayBuffer.Chunk chunk : frames.chunks()) {
            written = buffer.add(chunk).written;
        }
        if (frames.pauseAt() >= 0 && !timeline.timed()) {
            fences.place(start + frames.pauseAt()); // a pause ends the server's turn: a fence there cuts no word
        }
        return written;
    }

    /** Completes the future once the frames just added, and all before, are covered; fails it if they are lost. */
    void watchCoverage(Frames added, CompletableFuture<Void> covered) {
        coverage.watch(buffer.end() - added.length(), buffer.end(), covered);
    }

    /**
     * Completes once the audio no transcript covers fits in the replay buffer. While it does not, a fence at the end
     * (unless one waits in the newer half already) makes the server finish the turn, so coverage moves on.
     */
    void whenRoom(CompletableFuture<Void> done) {
        if (buffer.heldBytes() <= replayBytes) {
            done.complete(null);
            return;
        }
        waitingForRoom.add(done);
        Fence last = fences.last();
        if (last == null || last.offset < buffer.end() - replayBytes / 2) {
            fences.place(buffer.end());
        }
    }

    /** A commit, here and now in the audio. */
    Fence fenceAtEnd() {
        return fences.place(buffer.end());
    }

    /** Writes unsent frames, and the fences between them, in order while the socket takes them. */
    void flush(SessionConnection connection) {
        if (!connection.isReady()) {
            return;
        }
        for (ReplayBuffer.Chunk chunk = buffer.firstUnsent(); chunk != null; chunk = buffer.firstUnsent()) {
            writeFences(connection, chunk.offset);
            if (connection.socket().writeQueueFull()) {
                return; // the drain handler resumes
            }
            buffer.markSent(chunk);
            ReplayBuffer.Chunk written = chunk;
            connection.write(chunk.frame).onSuccess(x -> written.written.complete(null));
        }
        writeFences(connection, buffer.end());
    }

    private void writeFences(SessionConnection connection, long upTo) {
        for (Fence fence : fences.due(upTo)) {
            connection.write(RealtimeProtocol.commit());
            connection.write(RealtimeProtocol.echo(fence.echoId)).onSuccess(x -> fence.written.complete(null));
        }
    }

    /** A final transcript: covers its audio if it is timed, and says whether it is new. */
    TranscriptTimeline.Placement finalArrived(ServerEvent event, long now) {
        fences.finalArrived(now);
        long coveredTo = timeline.coveredTo(event);
        TranscriptTimeline.Placement placement = timeline.placeFinal(event);
        if (coveredTo >= 0) {
            cover(coveredTo);
        }
        return placement;
    }

    /** A turn failed: it will have no final, so a fence waiting for one may settle, and its audio is not covered. */
    void turnFailed(long now, RealtimeException error) {
        fences.finalArrived(now);
        coverage.turnFailed(error);
    }

    /** A partial transcript: whether it is of new audio, not of a replay. */
    boolean partialArrived(long now) {
        fences.partialArrived(now);
        return timeline.emitPartial();
    }

    Double sessionStart(ServerEvent event) {
        return timeline.sessionStart(event);
    }

    /** @return whether the echo answered one of our fences */
    boolean echoAnswered(String echoId, long now) {
        return echoId != null && fences.answered(echoId, now, timeline.emittedFinals());
    }

    long nanosUntilSettle(long now) {
        return fences.nanosUntilSettle(now);
    }

    /** Settles the fences due by now: their audio is covered, and whoever waits on them is told. */
    void settle(long now) {
        for (Fence fence = fences.settleNext(now); fence != null; fence = fences.settleNext(now)) {
            timeline.fenceSettled(fence.finalsBeforeAnswer);
            cover(fence.offset);
            LOG.debug("realtime session '{}': fence at {} ms settled; {} ms of audio held", sessionId,
                    fence.offset * 1000 / bytesPerSecond, buffer.heldBytes() * 1000 / bytesPerSecond);
            fence.settled.complete(null);
        }
    }

    private void cover(long offset) {
        buffer.coverUpTo(offset);
        coverage.coveredTo(offset);
        while (!waitingForRoom.isEmpty() && buffer.heldBytes() <= replayBytes) {
            waitingForRoom.poll().complete(null);
        }
    }

    /** A new connection: everything held is to be sent again. Returns the milliseconds it replays. */
    long connected() {
        buffer.markAllUnsent();
        fences.resend();
        long replayedMillis = buffer.heldBytes() * 1000 / bytesPerSecond;
        long lostBytes = buffer.droppedBytes() - droppedBeforeOutage;
        if (lostBytes > 0) {
            coverage.lostBefore(buffer.start(),
                    RealtimeException.audioGap(sessionId, lostBytes * 1000 / bytesPerSecond));
        }
        // after a gap the replay starts wherever the buffer does, perhaps inside a turn
        timeline.connected(buffer.start(), replayedMillis > 0, buffer.droppedBytes() > droppedBeforeOutage);
        return replayedMillis;
    }

    /** Milliseconds of sent audio let go since the last call that a replay could not include. */
    long unreplayableMillis() {
        long lost = buffer.droppedBytes() - droppedBeforeOutage;
        droppedBeforeOutage = buffer.droppedBytes();
        return lost * 1000 / bytesPerSecond;
    }

    /** Forgets everything held, as the server does on input_audio_buffer.clear; watched audio is not covered. */
    void clear() {
        coverage.failAll(RealtimeException.turnFailed(sessionId, "the audio was cleared before final transcripts "
                + "covered it", null, null));
        cover(buffer.end());
        fences.settleAll();
    }

    /** Whether audio or a fence still waits for the server. */
    boolean awaitingServer() {
        return !buffer.isEmpty() || !fences.isEmpty();
    }

    void failAll(RealtimeException error) {
        buffer.failAll(error);
        fences.failAll(error);
        coverage.failAll(error);
        waitingForRoom.forEach(w -> w.completeExceptionally(error));
        waitingForRoom.clear();
    }
}
