package io.cameltogether.audio.client.subtitle;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.result.Word;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubtitleWriterTest {

    private static TranscriptionResult result(List<Segment> segments, List<Word> words, List<SpeakerSegment> speakers) {
        return new TranscriptionResult("", "transcribe", "en", 10.0, segments, words, speakers, null);
    }

    @Test
    void segmentsBecomeNumberedSrtCues() {
        String srt = SubtitleWriter.write(result(List.of(new Segment(0, 0.0, 2.5, " Hello there. "),
                new Segment(1, 3723.004, 3725.5, "Second.")), null, null), SubtitleFormat.SRT);

        assertEquals("1\n00:00:00,000 --> 00:00:02,500\nHello there.\n\n"
                + "2\n01:02:03,004 --> 01:02:05,500\nSecond.\n\n", srt);
    }

    @Test
    void wordsAreGroupedIntoSentencesAndVttVoiceTagsMarkSpeakers() {
        List<Word> words = List.of(new Word(0, "Hello", 0.0, 0.4, "SPEAKER_00"), new Word(1, "Justin.", 0.5, 0.9, "SPEAKER_00"),
                new Word(2, "Hi", 1.2, 1.4, "SPEAKER_01"), new Word(3, "Anna", 1.5, 1.8, "SPEAKER_01"));

        String vtt = SubtitleWriter.write(result(List.of(new Segment(0, 0, 1.8, "ignored when words exist")), words, null),
                SubtitleFormat.VTT);

        assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:00.900\n<v SPEAKER_00>Hello Justin.\n\n"
                + "00:00:01.200 --> 00:00:01.800\n<v SPEAKER_01>Hi Anna\n\n", vtt);
    }

    @Test
    void longRunsOfWordsBreakAtTheCueDurationLimit() {
        List<Word> words = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> new Word(i, "w" + i, i * 0.5, i * 0.5 + 0.4, null)).toList();

        List<Cue> cues = SubtitleWriter.cuesOf(result(null, words, null));

        cues.forEach(c -> assertEquals(true, c.end() - c.start() <= SubtitleWriter.MAX_CUE_SECONDS, c.toString()));
        assertEquals(30, cues.stream().mapToInt(c -> c.text().split(" ").length).sum(), "no word lost");
    }

    @Test
    void speakerSegmentsWithoutWordsGiveOneCueEachWithSrtSpeakerLabels() {
        String srt = SubtitleWriter.write(result(null, null, List.of(
                new SpeakerSegment(0, "SPEAKER_00", 0, 2, "Good morning.", null),
                new SpeakerSegment(1, "SPEAKER_01", 2, 4, "Morning!", null))), SubtitleFormat.SRT);

        assertEquals("1\n00:00:00,000 --> 00:00:02,000\nSPEAKER_00: Good morning.\n\n"
                + "2\n00:00:02,000 --> 00:00:04,000\nSPEAKER_01: Morning!\n\n", srt);
    }
}
