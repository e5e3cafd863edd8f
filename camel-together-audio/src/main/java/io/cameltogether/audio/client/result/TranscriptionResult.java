package io.cameltogether.audio.client.result;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A transcription or translation as the API returned it (json or verbose_json). Immutable. Fields the response
 * lacked are null (scalars) or empty (lists); fields it added that this type does not know are ignored.
 *
 * @param task            "transcribe" or "translate"; the API does not always send it
 * @param language        the detected (transcribe) or target (translate) language
 * @param duration        seconds of audio
 * @param words           only with word granularity or diarization
 * @param speakerSegments only with diarization
 * @param id              the response id, when the API sent one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptionResult(
        String text,
        String task,
        String language,
        Double duration,
        List<Segment> segments,
        List<Word> words,
        List<SpeakerSegment> speakerSegments,
        String id) {

    public TranscriptionResult {
        text = text == null ? "" : text;
        segments = segments == null ? List.of() : List.copyOf(segments);
        words = words == null ? List.of() : List.copyOf(words);
        speakerSegments = speakerSegments == null ? List.of() : List.copyOf(speakerSegments);
    }

    /** The answer to response_format json: the text alone, and the response id if the API sent one. */
    public static TranscriptionResult textOnly(String text, String id) {
        return new TranscriptionResult(text, null, null, null, null, null, null, id);
    }

    @JsonIgnore // derived, not a field of the API's answer
    public boolean isDiarized() {
        return !speakerSegments.isEmpty() || words.stream().anyMatch(w -> w.speakerId() != null);
    }
}
