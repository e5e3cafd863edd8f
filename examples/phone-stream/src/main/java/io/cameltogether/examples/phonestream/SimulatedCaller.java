package io.cameltogether.examples.phonestream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;

/**
 * Plays a voice platform for one call: connects to the media WebSocket and streams a recording as the platform
 * would, 20 ms of 8 kHz mu-law a message, at the pace it plays, between a start and a stop event.
 */
public final class SimulatedCaller {

    private static final int MESSAGE_MILLIS = 20;

    private SimulatedCaller() {
    }

    /** Streams the WAV as one call; completes once the stop event is sent. */
    public static CompletableFuture<Void> call(Vertx vertx, int port, String streamSid, Path wav) throws IOException {
        byte[] muLaw = muLaw(wav);
        CompletableFuture<Void> done = new CompletableFuture<>();
        WebSocketClient client = vertx.createWebSocketClient();
        client.connect(port, "127.0.0.1", "/media").onFailure(done::completeExceptionally).onSuccess(ws -> {
            ws.writeTextMessage(new JsonObject().put("event", "connected").put("protocol", "Call").encode());
            ws.writeTextMessage(new JsonObject().put("event", "start").put("streamSid", streamSid)
                    .put("start", new JsonObject().put("streamSid", streamSid).put("callSid", "CA-" + streamSid)
                            .put("mediaFormat", new JsonObject().put("encoding", "audio/x-mulaw")
                                    .put("sampleRate", 8000).put("channels", 1))).encode());
            int bytesPerMessage = 8 * MESSAGE_MILLIS;
            int[] sent = {0};
            vertx.setPeriodic(MESSAGE_MILLIS, timer -> {
                if (sent[0] >= muLaw.length) {
                    vertx.cancelTimer(timer);
                    stop(ws, streamSid).onComplete(x -> client.close()).onComplete(x -> done.complete(null));
                    return;
                }
                int length = Math.min(bytesPerMessage, muLaw.length - sent[0]);
                byte[] payload = new byte[length];
                System.arraycopy(muLaw, sent[0], payload, 0, length);
                sent[0] += length;
                ws.writeTextMessage(new JsonObject().put("event", "media").put("streamSid", streamSid)
                        .put("media", new JsonObject().put("track", "inbound")
                                .put("payload", Base64.getEncoder().encodeToString(payload))).encode());
            });
        });
        return done.orTimeout(10, TimeUnit.MINUTES);
    }

    private static io.vertx.core.Future<Void> stop(WebSocket ws, String streamSid) {
        return ws.writeTextMessage(new JsonObject().put("event", "stop").put("streamSid", streamSid).encode());
    }

    /** The recording as 8 kHz mono mu-law, converted by the JDK, with a second of silence after it. */
    static byte[] muLaw(Path wav) throws IOException {
        AudioFormat pcm8k = new AudioFormat(8000, 16, 1, true, false);
        AudioFormat g711 = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        try (InputStream file = new BufferedInputStream(Files.newInputStream(wav));
             AudioInputStream source = AudioSystem.getAudioInputStream(file);
             AudioInputStream mono = AudioSystem.getAudioInputStream(
                     new AudioFormat(source.getFormat().getSampleRate(), 16, 1, true, false), source);
             AudioInputStream phone = AudioSystem.getAudioInputStream(g711,
                     AudioSystem.getAudioInputStream(pcm8k, mono))) {
            byte[] speech = phone.readAllBytes();
            byte[] withSilence = new byte[speech.length + 8000];
            System.arraycopy(speech, 0, withSilence, 0, speech.length);
            java.util.Arrays.fill(withSilence, speech.length, withSilence.length, (byte) 0xFF); // mu-law silence
            return withSilence;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + " is no WAV the JDK reads", e);
        }
    }
}
