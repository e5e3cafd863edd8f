package io.cameltogether.audio.client.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.realtime.Fences.Fence;

/**
 * A session's account of its audio: what is held for replay, sent, fenced and covered by transcripts, where its
 * speech lies, and who waits for room. Coverage comes only from what the server promises about the appended audio:
 * the {@code processed} watermark where it sends one, settled {@link Fences} otherwise; never from the timing fields
 * of its transcripts. The ledger decides where fences go (at pauses, at commits, and when the replay buffer is
 * full), says which frame is due next, and settles fences. Used on the session's context only.
 */
final class AudioLedger {

    /** An append's frames, built on the caller's thread, where in it a pause ended (or -1), and what it holds. */
    record Frames(List<ReplayBuffer.Chunk> chunks, int pauseAt, int length, SpeechDetector.Marks speech) {
    }

    /** What is to be written next: a chunk of audio, or a fence (commit and echo). */
    record Due(ReplayBuffer.Chunk chunk, Fence fence) {
    }

    /** A final transcript: whether it is new, and where its speech lies in the session's audio. */
    record Placement(boolean emit, SpeechPositions.Span span) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AudioLedger.class);
    /** A pause this much longer than the server's minimum silence has ended the server's turn. */
    private static final int PAUSE_MARGIN_MS = 100;
    /** Items of cleared audio remembered: the few turns a clear may leave unfinished. */
    private static final int MAX_CLEARED_ITEMS = 16;

    private final String sessionId;
    private final int bytesPerSecond;
    private final int maxFrameBytes;
    private final long replayBytes;
    private final long stallNanos;
    private final boolean serverTurns;
    private final ReplayBuffer buffer;
    private final Fences fences;
    private final TranscriptTimeline timeline = new TranscriptTimeline();
    private final SpeechDetector detector;
    private final SpeechPositions positions;
    private final ArrayDeque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private final CoverageWatch coverage;
    private long droppedBeforeOutage;
    private long connectionBase;
    /** This connection's processed watermark, or -1 before its server has sent one. */
    private long watermark = -1;
    /** Where the audio is covered up to: held or let go, what lies after it has no transcript yet. */
    private long coveredTo;
    /**
     * The echo sent after a clear, until the server answers it: what the server sent before is of the cleared audio,
     * whose watches have failed, so its finals are dropped and its timing steers nothing.
     */
    private String clearEcho;
    /** The item of the turn showing partials without a final yet, if the server names its items. */
    private String openItem;
    /** Items of cleared audio: their finals may come even after the clear's echo is answered. */
    private final Set<String> clearedItems = new LinkedHashSet<>();

    /**
     * @param afterThisEvent     runs a task on the session's context after the event being handled
     * @param deliveredSoFar     completes once what the listener was handed so far is delivered
     */
    AudioLedger(String sessionId, RealtimeSessionConfig config, RealtimeSettings settings, int maxFrameMillis,
                Executor afterThisEvent, Supplier<CompletableFuture<Void>> deliveredSoFar) {
        this.sessionId = sessionId;
        this.coverage = new CoverageWatch(afterThisEvent, deliveredSoFar);
        this.bytesPerSecond = config.format().bytesPerSecond();
        this.maxFrameBytes = bytesPerSecond * maxFrameMillis / 1000;
        this.replayBytes = settings.recovery().replayBufferDuration().toMillis() * bytesPerSecond / 1000;
        this.stallNanos = settings.connection().serverSilenceTimeout().toNanos();
        this.buffer = new ReplayBuffer(replayBytes);
        this.fences = new Fences(sessionId, settings.finalTranscriptQuiet().toNanos());
        TurnDetection turns = config.turnDetection();
        this.serverTurns = turns.serverVad();
        this.detector = new SpeechDetector(config.format().sampleRate(), turns.silenceMillis(),
                turns.turnEndingSilenceMillis() + PAUSE_MARGIN_MS, turns.speechMillis(), turns.speechDbfs());
        this.positions = new SpeechPositions(serverTurns ? turns.maxTurnMillis() * bytesPerSecond / 1000 : 0);
    }

    /** Whether appends can wait for coverage: only server turn detection lets the session force a turn's end. */
    boolean canFlowControl() {
        return serverTurns;
    }

    /** Splits PCM into append frames, cut where a pause ends so that a fence can go there. Any thread. */
    Frames frames(byte[] pcm, boolean pinned) {
        SpeechDetector.Marks speech = detector.feed(pcm);
        int pause = serverTurns ? speech.pauseAt() : -1;
        List<ReplayBuffer.Chunk> chunks = new ArrayList<>();
        if (pause > 0 && pause < pcm.length) {
            framesOf(pcm, 0, pause, pinned, chunks);
            framesOf(pcm, pause, pcm.length, pinned, chunks);
        } else {
            framesOf(pcm, 0, pcm.length, pinned, chunks);
        }
        return new Frames(chunks, pause, pcm.length, speech);
    }

    /**
     * Frames of keep-alive silence, which the detector does not hear: it is sent from the session's context, and
     * feeding it there could interleave with a caller's audio.
     */
    Frames keepAliveFrames(byte[] silence) {
        List<ReplayBuffer.Chunk> chunks = new ArrayList<>();
        framesOf(silence, 0, silence.length, false, chunks);
        return new Frames(chunks, -1, silence.length, new SpeechDetector.Marks(-1, List.of(), null));
    }

    private void framesOf(byte[] pcm, int from, int to, boolean pinned, List<ReplayBuffer.Chunk> into) {
        for (int at = from; at < to; at += maxFrameBytes) {
            int end = Math.min(to, at + maxFrameBytes);
            into.add(new ReplayBuffer.Chunk(end - at, RealtimeProtocol.append(pcm, at, end), pinned));
        }
    }

    /** Milliseconds of audio already waiting for a connection, if these frames would overrun the bound; else -1. */
    long overrun(Frames frames) {
        return buffer.unsentBytes() + frames.length() > replayBytes ? millis(buffer.unsentBytes()) : -1;
    }

    /** Holds the frames; completes when the last is on the socket. */
    CompletableFuture<Void> add(Frames frames) {
        long start = buffer.end();
        positions.heard(frames.speech(), start);
        CompletableFuture<Void> written = CompletableFuture.completedFuture(null);
        for (ReplayBuffer.Chunk chunk : frames.chunks()) {
            written = buffer.add(chunk).written;
        }
        if (frames.pauseAt() >= 0) {
            // a pause ends the server's turn: a fence there cuts no word, and keeps the buffer from filling (which
            // would fence wherever the audio stands)
            place(start + frames.pauseAt());
        }
        fenceIfFull();
        return written;
    }

    /**
     * While more than the replay buffer's worth of audio has no transcript (held, or let go by a live source), a
     * fence at the end (unless one waits in the newer half already) makes the server finish the turn, so that
     * coverage moves on and what waits for it stays within the buffer's bound. Only server turn detection lets a fence end a turn; without it the route's commits do.
     */
    private void fenceIfFull() {
        if (!serverTurns || buffer.end() - coveredTo <= replayBytes) {
            return;
        }
        Fence last = fences.last();
        if (last == null || last.offset < buffer.end() - replayBytes / 2) {
            place(buffer.end());
        }
    }

    private Fence place(long offset) {
        positions.cut(offset);
        Fence fence = fences.place(offset);
        if (offset <= coveredTo) { // every transcript of the audio before it is in already: nothing to wait for
            fences.settleUpTo(coveredTo).forEach(Fence::settle);
        }
        return fence;
    }

    /** Completes the future once the frames just added, and all before, are covered; fails it if they are lost. */
    void watchCoverage(Frames added, CompletableFuture<Void> covered) {
        coverage.watch(buffer.end() - added.length(), buffer.end(), covered);
    }

    /** Completes once the audio no transcript covers fits in the replay buffer (see {@link #fenceIfFull()}). */
    void whenRoom(CompletableFuture<Void> done) {
        if (buffer.heldBytes() <= replayBytes) {
            done.complete(null);
            return;
        }
        waitingForRoom.add(done);
        fenceIfFull();
    }

    /** A commit, here and now in the audio. */
    Fence fenceAtEnd() {
        return place(buffer.end());
    }

    /** The next frame to write on this connection, fences before the audio after them; null when all is sent. */
    Due nextDue() {
        ReplayBuffer.Chunk chunk = buffer.firstUnsent();
        Fence fence = fences.nextDue(chunk == null ? buffer.end() : chunk.offset);
        return fence != null ? new Due(null, fence) : chunk != null ? new Due(chunk, null) : null;
    }

    /** The due frame is being written. */
    void sending(Due due) {
        if (due.fence() != null) {
            due.fence().sent = true;
            due.fence().sentAt = System.nanoTime();
        } else {
            buffer.markSent(due.chunk());
        }
    }

    /** A final transcript: whether it is new (not of replayed audio already transcribed), and where it lies. */
    Placement finalArrived(RealtimeProtocol.ServerEvent event, long now) {
        if (ofClearedAudio(event.itemId())) {
            return new Placement(false, new SpeechPositions.Span(coveredTo, coveredTo));
        }
        openItem = null;
        fences.finalArrived(now);
        SpeechPositions.Span span = positions.placeFinal(buffer.sentEnd());
        Placement placement = new Placement(timeline.isNewFinal(event.itemId(), event.text(), span), span);
        coverToWatermark(); // the turn that held the watermark back is done
        return placement;
    }

    /** A partial transcript: where its speech begins, or -1 if it is of a replay whose finals were emitted. */
    long partialArrived(String itemId, long now) {
        if (ofClearedAudio(itemId)) {
            return -1;
        }
        openItem = itemId;
        fences.partialArrived(now);
        return timeline.isNewPartial() ? positions.placePartial(buffer.sentEnd()) : -1;
    }

    /**
     * A turn failed: it will have no final, so a fence waiting for one may settle, and its audio is not covered.
     * Where it lay is not known (the server's times are on another clock): every watch from where coverage stands to
     * what was sent is failed, so none is told it is covered for audio that may have been the failed turn's.
     *
     * @return false when the turn was of audio cleared since: nothing to report
     */
    boolean turnFailed(String itemId, long now, RealtimeException error) {
        if (ofClearedAudio(itemId)) {
            return false;
        }
        openItem = null;
        fences.finalArrived(now);
        coverage.turnFailed(coveredTo, buffer.sentEnd(), error);
        positions.placeFinal(buffer.sentEnd());
        coverToWatermark();
        return true;
    }

    /** Whether server timing ({@code start + duration}, seconds) fits within the audio sent on this connection. */
    boolean withinConnection(double seconds) {
        return seconds * bytesPerSecond <= buffer.sentEnd() - connectionBase + bytesPerSecond / 20;
    }

    /**
     * The server's {@code processed_ms}: every decode of this connection's audio before it is finished, so every
     * transcript of it has arrived. Fences behind it settle, and the audio is covered.
     *
     * @return false when it is no watermark the session can use: beyond the audio sent, or going back
     */
    boolean processed(double millis) {
        if (clearEcho != null) {
            return true; // on the timeline the clear ended
        }
        if (millis > millis(buffer.sentEnd() - connectionBase) + 1) {
            return false;
        }
        // to the next whole millisecond: the server counts in them, and a fence at the end of the audio sent lies
        // within the millisecond it rounds to
        long offset = Math.min(buffer.sentEnd(),
                connectionBase + (long) Math.ceil((Math.floor(millis) + 1) * bytesPerSecond / 2000.0) * 2);
        if (offset < watermark) {
            return false;
        }
        watermark = offset;
        coverToWatermark();
        return true;
    }

    /**
     * Covers the audio behind the watermark and settles the fences there; while a turn shows partials but has had
     * no final, only up to where its speech begins (the watermark promises finished decodes, not finished turns).
     */
    private void coverToWatermark() {
        long coverable = fences.turnOpen() ? Math.min(watermark, positions.placePartial(buffer.sentEnd())) : watermark;
        if (watermark < 0 || coverable <= coveredTo && !fences.hasFenceUpTo(coverable)) {
            return;
        }
        int finals = timeline.emittedFinals();
        List<Fence> settled = fences.settleUpTo(coverable);
        cover(coverable, finals, true);
        settled.forEach(Fence::settle);
    }

    /** @return whether the echo answered one of our fences */
    boolean echoAnswered(String echoId, long now) {
        if (echoId != null && echoId.equals(clearEcho)) {
            clearEcho = null; // the server has handled the clear: what it sends now is of the audio after it
            return false;
        }
        return echoId != null && fences.answered(echoId, now, timeline.emittedFinals());
    }

    /**
     * Behind a watermark only the watermark settles fences: a server that sends one may be decoding well behind its
     * echo answers, so quiet after an answer says nothing.
     */
    long nanosUntilSettle(long now) {
        return watermark >= 0 ? -1 : fences.nanosUntilSettle(now);
    }

    /** Settles the fences due by now: their audio is covered, and whoever waits on them is told. */
    void settle(long now) {
        if (watermark >= 0) {
            return;
        }
        for (Fence fence = fences.settleNext(now); fence != null; fence = fences.settleNext(now)) {
            cover(fence.offset, fence.finalsBeforeAnswer, false);
            LOG.debug("realtime session '{}': fence at {} ms settled; {} ms of audio held", sessionId,
                    millis(fence.offset), millis(buffer.heldBytes()));
            fence.settled.complete(null);
        }
    }

    /** The oldest fence, if the turn open at its answer has had no final for the stall bound (serverSilenceTimeout). */
    Fence stalled(long now) {
        return fences.stalled(now, stallNanos, watermark >= 0);
    }

    /** Gives up on the turns open up to the fence: their audio will have no transcript, and is let go. */
    void abandonTurns(Fence upTo, RealtimeException error) {
        fences.abandonUpTo(upTo, error);
        coverage.turnFailed(coveredTo, upTo.offset, error);
        cover(upTo.offset, timeline.emittedFinals(), false);
    }

    /** The session reads the server's events again after holding them back: quiet counts from now. */
    void readingResumed(long now) {
        fences.readingResumed(now);
    }

    /** Whether audio held for the server holds speech no transcript has been placed in yet. */
    boolean holdsSpeech() {
        return !buffer.isEmpty() && positions.speechAfterPlaced(buffer.end());
    }

    /** Whether a fence waits for the server: transcripts are owed for the audio before it. */
    boolean awaitingTranscripts() {
        return !fences.isEmpty();
    }

    private void cover(long offset, int finalsBefore, boolean byPlace) {
        coveredTo = Math.max(coveredTo, offset);
        buffer.coverUpTo(offset);
        coverage.coveredTo(offset);
        positions.coveredTo(offset);
        timeline.coveredTo(offset, finalsBefore, byPlace);
        while (!waitingForRoom.isEmpty() && buffer.heldBytes() <= replayBytes) {
            waitingForRoom.poll().complete(null);
        }
    }

    /** A new connection: everything held is to be sent again. Returns the milliseconds it replays. */
    long connected() {
        buffer.markAllUnsent();
        fences.resend();
        connectionBase = buffer.start();
        watermark = -1; // each connection has its own, if its server sends one at all
        long replayedMillis = millis(buffer.heldBytes());
        long lostBytes = buffer.droppedBytes() - droppedBeforeOutage;
        if (lostBytes > 0) {
            coverage.lostBefore(buffer.start(), RealtimeException.audioGap(sessionId, millis(lostBytes)));
        }
        positions.replayFrom(connectionBase);
        clearEcho = null; // a new connection sends nothing of cleared audio
        clearedItems.clear();
        openItem = null;
        // after a gap the replay starts wherever the buffer does, perhaps inside a turn
        timeline.connected(replayedMillis > 0 ? connectionBase : -1, lostBytes > 0);
        return replayedMillis;
    }

    /** Milliseconds of sent audio let go since the last call that a replay could not include. */
    long unreplayableMillis() {
        long lost = buffer.droppedBytes() - droppedBeforeOutage;
        droppedBeforeOutage = buffer.droppedBytes();
        return millis(lost);
    }

    /**
     * Forgets everything held, as the server does on input_audio_buffer.clear, which also starts its timeline of
     * appended audio anew (as Together's SDK reads it); watched audio is not covered. Until the server answers
     * {@code echoId} (sent after the clear; null when no connection is open), what it sends is of the cleared audio.
     */
    void clear(String echoId) {
        clearEcho = echoId;
        if (openItem != null && echoId != null) {
            clearedItems.add(openItem);
            if (clearedItems.size() > MAX_CLEARED_ITEMS) {
                clearedItems.remove(clearedItems.iterator().next());
            }
        }
        openItem = null;
        coverage.failAll(RealtimeException.turnFailed(sessionId, "the audio was cleared before final transcripts "
                + "covered it", null, null));
        cover(buffer.end(), timeline.emittedFinals(), false);
        fences.settleAll();
        connectionBase = buffer.end();
    }

    /**
     * Whether an event of this item is of cleared audio: anything before the server answered the clear's echo, and
     * the items named until then (the turn open at the clear among them), whose finals may come later.
     */
    boolean ofClearedAudio(String itemId) {
        if (clearEcho != null && itemId != null && clearedItems.add(itemId) && clearedItems.size() > MAX_CLEARED_ITEMS) {
            clearedItems.remove(clearedItems.iterator().next());
        }
        return clearEcho != null || itemId != null && clearedItems.contains(itemId);
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

    long millis(long bytes) {
        return bytes * 1000 / bytesPerSecond;
    }
}
