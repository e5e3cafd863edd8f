package io.cameltogether.examples.yamlroute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import org.apache.camel.main.Main;

import io.cameltogether.audio.emulator.ApiTarget;

/**
 * Runs the YAML route with Camel Main. The only Java here chooses the real API or the emulator, and seeds the inbox
 * with the transcribe-folder example's recordings; the route and its options are in resources.
 */
public final class YamlRouteApp {

    private YamlRouteApp() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("example.home", "."));
        Path inbox = Files.createDirectories(home.resolve("target/work/inbox"));
        try (var samples = Files.list(home.resolve("../transcribe-folder/samples"))) {
            for (Path sample : samples.toList()) {
                Files.copy(sample, inbox.resolve(sample.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (ApiTarget api = ApiTarget.fromEnvironment()) {
            Properties overrides = new Properties();
            overrides.setProperty("camel.component.together-audio.base-url", api.baseUrl());
            overrides.setProperty("camel.component.together-audio.api-key", api.apiKey());
            overrides.setProperty("subtitles.inbox", inbox.toString());
            overrides.setProperty("subtitles.outbox", home.resolve("target/work/subtitles").toString());
            Main main = new Main();
            main.setOverrideProperties(overrides);
            main.run();
        }
        System.out.println("Subtitles in " + home.resolve("target/work/subtitles").toAbsolutePath().normalize());
    }
}
