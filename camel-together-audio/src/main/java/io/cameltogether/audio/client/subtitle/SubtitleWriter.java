package io.cameltogether.audio.client.subtitle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.SpeakerSegment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.result.Word;

/**
 * Renders a verbose transcript as SRT or WebVTT. Word timestamps give the tightest cues, so they are used when
 * present (grouped into readable lines that break at sentence ends, speaker changes and length limits); otherwise
 * speaker segments, otherwise segments. Speakers appear as "SPEAKER_00: " in SRT and as voice tags in VTT.
 */
public final class SubtitleWriter {

    /** Reading-speed limits in the range broadcasters use. */
    static final double MAX_CUE_SECONDS = 6.0;
    static final int MAX_CUE_CHARS = 84;

    private SubtitleWriter() {
    }

    public static String write(TranscriptionResult result, SubtitleFormat format) {
        List<Cue> cues = cuesOf(result);
        StringBuilder out = new StringBuilder(format == SubtitleFormat.VTT ? "WEBVTT\n\n" : "");
        int number = 1;
        for (Cue cue : cues) {
            if (format == SubtitleFormat.SRT) {
                out.append(number++).append('\n');
            }
            out.append(timestamp(cue.start(), format)).append(" --> ").append(timestamp(cue.end(), format))
                    .append('\n').append(speakerMarkup(cue, format)).append(cue.text()).append("\n\n");
        }
        return out.toString();
    }

    static List<Cue> cuesOf(TranscriptionResult result) {
        if (!result.words().isEmpty()) {
            return groupWords(result.words());
        }
        List<Word> speakerWords = result.speakerSegments().stream().flatMap(s -> s.words().stream()).toList();
        if (!speakerWords.isEmpty()) {
            return groupWords(speakerWords);
        }
        List<Cue> cues = new ArrayList<>();
        for (SpeakerSegment s : result.speakerSegments()) {
            addIfText(cues, new Cue(s.start(), s.end(), s.speakerId(), s.text().trim()));
        }
        if (cues.isEmpty()) {
            for (Segment s : result.segments()) {
                addIfText(cues, new Cue(s.start(), s.end(), null, s.text().trim()));
            }
        }
        return cues;
    }

    private static List<Cue> groupWords(List<Word> words) {
        List<Cue> cues = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Word first = null;
        Word last = null;
        for (Word w : words) {
            String token = w.word().trim();
            if (token.isEmpty()) {
                continue;
            }
            boolean breakBefore = first != null && (!Objects.equals(first.speakerId(), w.speakerId())
                    || w.end() - first.start() > MAX_CUE_SECONDS
                    || text.length() + 1 + token.length() > MAX_CUE_CHARS);
            if (breakBefore) {
                addIfText(cues, new Cue(first.start(), last.end(), first.speakerId(), text.toString()));
                text.setLength(0);
                first = null;
            }
            if (first == null) {
                first = w;
            } else {
                text.append(' ');
            }
            text.append(token);
            last = w;
            if (endsSentence(token)) {
                addIfText(cues, new Cue(first.start(), last.end(), first.speakerId(), text.toString()));
                text.setLength(0);
                first = null;
            }
        }
        if (first != null) {
            addIfText(cues, new Cue(first.start(), last.end(), first.speakerId(), text.toString()));
        }
        return cues;
    }

    private static boolean endsSentence(String token) {
        char c = token.charAt(token.length() - 1);
        return c == '.' || c == '?' || c == '!';
    }

    private static void addIfText(List<Cue> cues, Cue cue) {
        if (!cue.text().isEmpty()) {
            cues.add(cue);
        }
    }

    private static String speakerMarkup(Cue cue, SubtitleFormat format) {
        if (cue.speaker() == null) {
            return "";
        }
        return format == SubtitleFormat.VTT ? "<v " + cue.speaker() + ">" : cue.speaker() + ": ";
    }

    /** HH:MM:SS,mmm (SRT) or HH:MM:SS.mmm (VTT). */
    static String timestamp(double seconds, SubtitleFormat format) {
        long millis = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, format == SubtitleFormat.SRT ? "," : ".", millis % 1000);
    }
}
