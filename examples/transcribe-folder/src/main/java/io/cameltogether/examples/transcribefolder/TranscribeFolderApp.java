package io.cameltogether.examples.transcribefolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.camel.main.Main;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.ApiTarget;

/**
 * The main job: transcribes every audio file in a folder into .txt and .srt files.
 *
 * <p>System properties: {@code folder} (default {@code target/work} in this example; the sample recordings are
 * copied into its {@code inbox/} on first run), {@code watch=true} to keep watching the inbox instead of stopping
 * once it has been idle for a few seconds. With {@code TOGETHER_API_KEY} set it calls the real API; without, it
 * starts the local emulator and says so.
 */
public final class TranscribeFolderApp {

    private TranscribeFolderApp() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("example.home", "."));
        Path folder = Path.of(System.getProperty("folder", home.resolve("target/work").toString())).toAbsolutePath();
        Path inbox = folder.resolve("inbox");
        Path transcripts = folder.resolve("transcripts");
        boolean watch = Boolean.getBoolean("watch");
        if (System.getProperty("folder") == null) {
            seedWithSamples(home.resolve("samples"), inbox);
        }

        ApiTarget api = ApiTarget.fromEnvironment();
        TogetherAudioComponent together = new TogetherAudioComponent();
        together.getConfiguration().setBaseUrl(api.baseUrl());
        together.getConfiguration().setApiKey(api.apiKey());
        System.out.println("Inbox: " + inbox + (watch ? " (watching; Ctrl-C stops)" : " (stops when idle)"));
        System.out.println("Transcripts: " + transcripts);

        RunReport report = new RunReport();
        Main main = new Main();
        main.bind("together-audio", together);
        main.configure().addRoutesBuilder(new TranscribeFolderRoutes(inbox, transcripts, report));
        if (!watch) {
            main.configure().setDurationMaxIdleSeconds(3);
        }
        try (api) {
            main.run();
        }
        report.print(System.out, folder, inbox, transcripts);
    }

    private static void seedWithSamples(Path samples, Path inbox) throws IOException {
        Files.createDirectories(inbox);
        try (Stream<Path> files = Files.list(samples)) {
            files.forEach(sample -> {
                try {
                    Files.copy(sample, inbox.resolve(sample.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
