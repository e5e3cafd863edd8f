package io.cameltogether.examples.upload;

import java.util.List;

import io.cameltogether.audio.client.result.TranscriptionResult;

/**
 * What POST /transcripts answers: the text, and who said what when.
 *
 * @param turns empty when the model found no speakers
 */
public record Transcript(String text, String language, Double durationSeconds, List<Turn> turns) {

    public record Turn(String speaker, double start, double end, String text) {
    }

    static Transcript of(TranscriptionResult result) {
        return new Transcript(result.text().strip(), result.language(), result.duration(),
                result.speakerSegments().stream()
                        .map(s -> new Turn(s.speakerId(), s.start(), s.end(), s.text().strip())).toList());
    }
}
