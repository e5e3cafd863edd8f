package io.cameltogether.examples.quarkus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** With {@code transcribe.seed-samples=true} (the packaged app's default), puts the sample recordings in the inbox. */
@ApplicationScoped
public class SampleInbox {

    @ConfigProperty(name = "transcribe.seed-samples", defaultValue = "false")
    boolean seed;
    @ConfigProperty(name = "transcribe.samples", defaultValue = "../transcribe-folder/samples")
    Path samples;
    @ConfigProperty(name = "transcribe.folder")
    Path folder;

    void onStart(@Observes StartupEvent started) throws IOException {
        if (!seed || !Files.isDirectory(samples)) {
            return;
        }
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        try (Stream<Path> files = Files.list(samples)) {
            for (Path sample : files.toList()) {
                // copied under a temporary name and renamed, so the file route never sees half a recording
                Path partial = inbox.resolve("." + sample.getFileName() + ".part");
                Files.copy(sample, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, inbox.resolve(sample.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        System.out.println("Copied the sample recordings into " + inbox);
    }
}
