package io.cameltogether.examples.phonestream;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.emulator.ApiTarget;

/**
 * Listens for media streams on {@code ws://0.0.0.0:<port>/media} (system property {@code port}, default 8091) and
 * prints each call's transcripts. Unless {@code -Dlisten=true}, it then plays a voice platform itself: one call
 * streaming the transcribe-folder example's voicemail as 8 kHz mu-law at the pace it plays. With TOGETHER_API_KEY
 * set it uses the real API; without, the embedded emulator, and says so.
 */
public final class PhoneStreamApp {

    private PhoneStreamApp() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("example.home", "."));
        int port = Integer.getInteger("port", 8091);
        Path wav = home.resolve("../transcribe-folder/samples/voicemail-anna.wav").toAbsolutePath().normalize();
        TogetherAudioComponent together = new TogetherAudioComponent();
        try (ApiTarget api = ApiTarget.fromEnvironment(); CamelContext camel = new DefaultCamelContext()) {
            together.getConfiguration().setBaseUrl(api.baseUrl());
            together.getConfiguration().setApiKey(api.apiKey());
            camel.addComponent("together-audio", together);
            camel.addRoutes(new PhoneStreamRoutes(port, "stream:out"));
            camel.start();
            System.out.println("Media streams: ws://0.0.0.0:" + port + "/media");
            if (Boolean.getBoolean("listen")) {
                Thread.currentThread().join(); // until Ctrl-C
            }
            Vertx vertx = Vertx.vertx();
            try {
                System.out.println("Calling in with " + wav + " as 8 kHz mu-law, at the pace it plays...");
                SimulatedCaller.call(vertx, port, "MZ-demo", wav).get(5, TimeUnit.MINUTES);
            } finally {
                vertx.close();
            }
        } // stopping the context delivers the call's last transcript
    }
}
