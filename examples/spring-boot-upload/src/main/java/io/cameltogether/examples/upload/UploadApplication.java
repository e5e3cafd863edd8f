package io.cameltogether.examples.upload;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.cameltogether.audio.emulator.ApiTarget;

/**
 * An HTTP service in front of Together's speech-to-text: POST a recording, get back the transcript with speaker
 * turns, or subtitles. With {@code TOGETHER_API_KEY} set it calls the real API; without, it starts the emulator and
 * says so. Stops with Ctrl-C.
 */
@SpringBootApplication
public class UploadApplication {

    public static void main(String[] args) {
        ApiTarget api = ApiTarget.fromEnvironment();
        SpringApplication app = new SpringApplication(UploadApplication.class);
        // defaults only: application.properties, the environment and the command line still win
        app.setDefaultProperties(Map.of(
                "camel.component.together-audio.base-url", api.baseUrl(),
                "camel.component.together-audio.api-key", api.apiKey()));
        ConfigurableApplicationContext context = app.run(args);
        context.registerShutdownHook();
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        String port = context.getEnvironment().getProperty("local.server.port");
        System.out.println("""
                Ready. Try:
                  curl -F file=@examples/transcribe-folder/samples/weekly-meeting.m4a http://localhost:%1$s/transcripts
                  curl -F file=@examples/transcribe-folder/samples/voicemail-anna.wav 'http://localhost:%1$s/subtitles?format=vtt'
                  curl http://localhost:%1$s/actuator/health
                """.formatted(port));
    }
}
