package io.cameltogether.examples.transcribefolder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * What one run did, file by file, for the closing summary: transcribed (with the start of the text), failed (with
 * the one-line reason; the file is in inbox/failed/), and the files left alone because they are not audio.
 */
public final class RunReport {

    private final Map<String, String> transcribed = new ConcurrentSkipListMap<>();
    private final Map<String, String> failed = new ConcurrentSkipListMap<>();

    void transcribed(String file, String text) {
        transcribed.put(file, text);
    }

    void failed(String file, String reason) {
        failed.put(file, reason);
    }

    public Map<String, String> transcribed() {
        return new TreeMap<>(transcribed);
    }

    public Map<String, String> failed() {
        return new TreeMap<>(failed);
    }

    /** Prints the summary, with a hint when there was nothing to do. */
    public void print(PrintStream out, Path folder, Path inbox, Path transcripts) throws IOException {
        List<String> notAudio = audioOrNot(inbox, false);
        if (transcribed.isEmpty() && failed.isEmpty()) {
            out.println("No recordings were transcribed: " + inbox + " holds no audio (wav, mp3, m4a, webm, flac, "
                    + "ogg, opus or aac).");
            List<String> misplaced = audioOrNot(folder, true);
            if (!misplaced.isEmpty()) {
                out.println("  " + misplaced.size() + " audio file(s) sit in " + folder + " itself; the job reads its "
                        + "inbox/ subfolder: move them into " + inbox);
            }
        }
        if (!transcribed.isEmpty()) {
            out.println("Transcribed " + transcribed.size() + " recording(s) into " + transcripts + ":");
            transcribed.forEach((file, text) -> out.println("  " + file + ": " + abbreviated(text)));
        }
        if (!failed.isEmpty()) {
            out.println("Failed " + failed.size() + " (kept in " + inbox.resolve("failed") + "):");
            failed.forEach((file, reason) -> out.println("  " + file + ": " + reason));
        }
        if (!notAudio.isEmpty()) {
            out.println("Left alone, not audio: " + String.join(", ", notAudio));
        }
    }

    private static List<String> audioOrNot(Path folder, boolean audio) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(name -> name.matches(TranscribeFolderRoutes.AUDIO_FILES) == audio).sorted().toList();
        }
    }

    private static String abbreviated(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }
}
