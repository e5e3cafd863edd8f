package io.cameltogether.audio.emulator;

import java.util.List;
import java.util.Map;

/**
 * What one realtime connection brought to the emulator, for assertions.
 *
 * @param query            the URL's query parameters
 * @param headers          handshake headers, lower-case names
 * @param clientEvents     the types of the client's events, in order
 * @param sessionUpdates   the {@code session} objects of the client's transcription_session.updated events, as JSON
 * @param audioBytes       PCM bytes appended
 * @param maxAppendMillis  the longest single append, in milliseconds of audio
 * @param binaryFrames     binary frames received (each ends the session)
 * @param completed        transcripts this connection completed, in order
 * @param closeCode        how the connection ended: a close code, -1 if dropped, 0 if still open
 */
public record RecordedRealtimeSession(
        String path,
        Map<String, String> query,
        Map<String, String> headers,
        List<String> clientEvents,
        List<String> sessionUpdates,
        int appends,
        long audioBytes,
        double maxAppendMillis,
        int binaryFrames,
        List<String> completed,
        int closeCode) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
