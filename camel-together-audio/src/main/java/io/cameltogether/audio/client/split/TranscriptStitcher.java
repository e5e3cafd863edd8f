package io.cameltogether.audio.client.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.result.Word;

/**
 * Joins the transcripts of a recording's parts into the transcript of the whole: times moved onto the recording's
 * clock, ids continued from part to part, texts joined. Speakers are kept apart per part: diarization labels its
 * voices anew in every request, so SPEAKER_00 of one part need not be SPEAKER_00 of the next; each label is
 * prefixed with its part ({@code P2_SPEAKER_00}) instead of being matched by guesswork.
 */
final class TranscriptStitcher {

    /** A part's transcript, with the part it transcribes. */
    record PartTranscript(AudioPart part, TranscriptionResult result) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private final List<Word> words = new ArrayList<>();
    private final List<SpeakerSegment> turns = new ArrayList<>();
    private double offset;
    private double floor;
    private String speakerPrefix;

    private TranscriptStitcher() {
    }

    static TranscriptionResult stitch(List<PartTranscript> parts, double totalSeconds) {
        TranscriptStitcher stitcher = new TranscriptStitcher();
        for (PartTranscript part : parts) {
            stitcher.add(part);
        }
        TranscriptionResult first = parts.get(0).result();
        String text = parts.stream().map(p -> p.result().text().strip()).filter(t -> !t.isEmpty())
                .collect(Collectors.joining(" "));
        String language = parts.stream().map(p -> p.result().language()).filter(Objects::nonNull).findFirst()
                .orElse(null);
        return new TranscriptionResult(text, first.task(), language, round(totalSeconds), stitcher.segments,
                stitcher.words, stitcher.turns, null);
    }

    private void add(PartTranscript part) {
        offset = part.part().clockOffset();
        floor = part.part().soundStart();
        speakerPrefix = "P" + part.part().number() + "_";
        int segmentBase = segments.size();
        int wordBase = words.size();
        int turnBase = turns.size();
        TranscriptionResult result = part.result();
        for (Segment s : result.segments()) {
            segments.add(new Segment(shift(s.id(), segmentBase), at(s.start()), at(s.end()), s.text()));
        }
        for (Word w : result.words()) {
            words.add(word(w, wordBase));
        }
        for (SpeakerSegment t : result.speakerSegments()) {
            turns.add(new SpeakerSegment(shift(t.id(), turnBase), speaker(t.speakerId()), at(t.start()), at(t.end()),
                    t.text(), t.words().stream().map(w -> word(w, wordBase)).toList()));
        }
    }

    private Word word(Word w, int wordBase) {
        return new Word(shift(w.id(), wordBase), w.word(), at(w.start()), at(w.end()), speaker(w.speakerId()));
    }

    /** Ids number a part's items from 0: continued from the items of the parts before, references stay true. */
    private static Integer shift(Integer id, int base) {
        return id == null ? null : id + base;
    }

    private double at(double partSeconds) {
        return round(Math.max(floor, offset + partSeconds));
    }

    private String speaker(String label) {
        return label == null ? null : speakerPrefix + label;
    }

    /** Milliseconds, as the API gives them, without the binary fractions an addition leaves. */
    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
