package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;

/** Cuts a WAV into parts in its pauses ({@link QuietCuts}), each part a WAV of its own ({@link WavRecording}). */
final class WavParts {

    private WavParts() {
    }

    /** The parts, or empty if the whole WAV keeps to both limits. */
    static Optional<List<AudioPart>> split(AudioSource audio, double maxPartSeconds, long maxPartBytes)
            throws IOException {
        WavRecording recording = WavRecording.of(audio);
        long maxPartFrames = Math.min(recording.frameAt(maxPartSeconds),
                (maxPartBytes - recording.partLength(0)) / recording.partFrameSize());
        if (recording.frames() <= maxPartFrames || maxPartFrames < recording.frameAt(1)) {
            return Optional.empty(); // fits, or a cap too small for a second of it: the caps' own errors apply
        }
        List<Long> starts = new ArrayList<>(QuietCuts.plan(recording, maxPartFrames));
        starts.add(0, 0L);
        List<AudioPart> parts = new ArrayList<>(starts.size());
        String name = audio.fileName().replaceFirst("(?i)\\.wav$", "");
        for (int i = 0; i < starts.size(); i++) {
            long start = starts.get(i);
            long end = i + 1 < starts.size() ? starts.get(i + 1) : recording.frames();
            AudioSource part = AudioSource.rereadable(() -> recording.part(start, end - start), name + "-part"
                    + (i + 1) + ".wav", AudioFormat.WAV.contentType(), recording.partLength(end - start));
            parts.add(new AudioPart(i + 1, starts.size(), recording.seconds(start), recording.seconds(end), part));
        }
        return Optional.of(parts);
    }
}
