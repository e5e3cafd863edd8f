package io.cameltogether.audio.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accumulates what one realtime connection brings, on its event loop; tests read snapshots. Without recording it
 * keeps counts only (faults are scripted by the append count), so a long session does not grow the emulator's heap.
 */
final class RealtimeConnectionLog {

    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final boolean recording;
    private final List<String> clientEvents = new ArrayList<>();
    private final List<String> completed = new ArrayList<>();
    private final List<String> sessionUpdates = new ArrayList<>();
    private int appends;
    private long audioBytes;
    private double maxAppendMillis;
    private int binaryFrames;
    private int closeCode;

    /** @param headers the handshake's headers, the key already taken out */
    RealtimeConnectionLog(String path, Map<String, String> query, Map<String, String> headers, boolean recording) {
        this.path = path;
        this.query = Map.copyOf(query);
        this.headers = Map.copyOf(headers);
        this.recording = recording;
    }

    boolean recording() {
        return recording;
    }

    synchronized void event(String type) {
        if (recording) {
            clientEvents.add(type);
        }
    }

    synchronized int append(int bytes, double millis) {
        audioBytes += bytes;
        maxAppendMillis = Math.max(maxAppendMillis, millis);
        return ++appends;
    }

    synchronized void binaryFrame() {
        binaryFrames++;
    }

    synchronized void sessionUpdate(String session) {
        if (recording) {
            sessionUpdates.add(session);
        }
    }

    synchronized void completed(String transcript) {
        if (recording) {
            completed.add(transcript);
        }
    }

    synchronized void closed(int code) {
        if (closeCode == 0) {
            closeCode = code;
        }
    }

    synchronized RecordedRealtimeSession snapshot() {
        return new RecordedRealtimeSession(path, query, headers, List.copyOf(clientEvents), List.copyOf(sessionUpdates),
                appends, audioBytes, maxAppendMillis, binaryFrames, List.copyOf(completed), closeCode);
    }
}
