package io.cameltogether.audio.emulator;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * One realtime transcription session, as the live server runs it: session.created, settings by
 * transcription_session.updated, base64 PCM appends in text frames (a binary frame ends the session), deltas and a
 * completed event per speech turn (with Deepgram models, start_of_turn and end_of_turn around it) timed on the
 * consumed-speech clock, the {@code processed} watermark when enabled, commit and clear, echo, the idle timeout,
 * and the scripted fault. Like the live server it always closes with 1000: why it closed is in the fatal
 * {@code failed} frame before the close.
 */
final class EmulatedRealtimeSession {

    static final Set<String> MODELS = Set.of("openai/whisper-large-v3", "nvidia/parakeet-tdt-0.6b-v3",
            "nvidia/nemotron-3-asr-streaming-0.6b", "nvidia/nemotron-3.5-asr-streaming-0.6b", "deepgram/nova-3-en",
            "deepgram/nova-3-multi", "deepgram/flux");
    private static final Map<String, Integer> FORMATS = Map.of("pcm_s16le_16000", 16_000, "pcm_s16le_8000", 8_000,
            "pcm_s16le_24000", 24_000);
    private static final Set<String> DEEPGRAM_TURN_OPTIONS = Set.of("eot_threshold", "eot_timeout_ms",
            "eager_eot_threshold");
    private static final double DELTA_EVERY_SECONDS = 0.5;
    /** The watermark moves in steps of at least this much audio, or when a turn ends. */
    private static final double PROCESSED_STEP_SECONDS = 0.2;

    private final TogetherAudioEmulator emulator;
    private final HttpServerRequest request;
    private final ServerWebSocket ws;
    private final Map<String, String> query;
    private final RealtimeFault fault;
    private final RealtimeConnectionLog log;
    private final RealtimeServerEvents events;
    private final EnergyVad.Settings vadSettings = new EnergyVad.Settings();
    private final ObjectNode deepgramTurnOptions = Json.MAPPER.createObjectNode();
    private EnergyVad vad;
    private int sampleRate;
    private int items;
    private double lastDeltaAt;
    private boolean started;
    private boolean turnEvents;
    private boolean inTurn;
    private boolean muted;
    private boolean turnFailureUsed;
    private boolean withholdingFinals;
    private boolean dropped;
    /** Finals held back past the first clear ({@link RealtimeFault#finalsCrossingAClear()}). */
    private final List<ObjectNode> finalsBeforeClear = new ArrayList<>();
    private boolean clearedOnce;
    /** Samples of speech this connection has transcribed: the consumed-speech clock its events are timed on. */
    private long consumedSamples;
    /** Where the first turn whose final is withheld starts: the watermark never passes it. */
    private long stuckSample = -1;
    private long lastProcessedSample;
    /** Where the appended-audio timeline of processed_ms starts: the connection's first audio, or the last clear. */
    private long processedFrom;
    private long idleTimer = -1;
    private String language;
    private String prompt;

    EmulatedRealtimeSession(TogetherAudioEmulator emulator, HttpServerRequest request, ServerWebSocket ws,
                            Map<String, String> query, RealtimeFault fault, RealtimeConnectionLog log) {
        this.emulator = emulator;
        this.request = request;
        this.ws = ws;
        this.query = query;
        this.fault = fault;
        this.log = log;
        this.events = new RealtimeServerEvents(emulator.bareTranscriptionEvents(), emulator.confidences());
    }

    void start() {
        ws.closeHandler(v -> {
            log.closed(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
            cancelIdleTimer();
        });
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> {
            log.binaryFrame();
            fatal("invalid_request_error", null, "invalid audio data format: binary frames are not accepted, send "
                    + "base64 PCM in input_audio_buffer.append text frames");
        });
        String model = query.get("model");
        String format = query.getOrDefault("input_audio_format", "pcm_s16le_16000");
        if (!FORMATS.containsKey(format)) {
            // the live server wraps this in a generic error: only the message tells that it is fatal
            fatal("service_unavailable_error", null, "unsupported format: input_audio_format '" + format + "'; use "
                    + "pcm_s16le_16000, pcm_s16le_8000 or pcm_s16le_24000");
            return;
        }
        sampleRate = FORMATS.get(format);
        if (model == null || fault != null && fault.kind == RealtimeFault.Kind.NO_SESSION) {
            return; // as the real server without a model: appends queue up and the session never starts
        }
        turnEvents = model.startsWith("deepgram/"); // as Deepgram's models on Together do
        if (!MODELS.contains(model)) {
            fatal("invalid_request_error", "model_not_available", "Model '" + model + "' is not available for "
                    + "realtime transcription");
            return;
        }
        applyQueryVad();
        vad = new EnergyVad(sampleRate, vadSettings);
        started = true;
        ObjectNode created = events.event("session.created");
        created.putObject("session").put("id", "sess_" + UUID.randomUUID()).put("object", "realtime.session")
                .put("model", model).putArray("modalities").add("audio");
        send(created);
        restartIdleTimer();
        if (fault != null && fault.kind == RealtimeFault.Kind.DROP_AFTER_TIME) {
            emulator.vertx().setTimer(Math.max(1, fault.after.toMillis()), t -> drop());
        }
    }

    private void onText(String text) {
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            send(events.error("invalid_json", "The message is not JSON", false));
            return;
        }
        String type = message.path("type").asText();
        log.event(type);
        if (!started || muted || dropped) {
            return;
        }
        switch (type) {
            case "input_audio_buffer.append" -> append(message.path("audio").asText());
            case "input_audio_buffer.commit" -> {
                EnergyVad.Turn turn = vad.commit();
                send(events.event("input_audio_buffer.committed"));
                if (turn != null) {
                    complete(turn);
                }
                processed(true);
            }
            case "input_audio_buffer.clear" -> {
                clearedOnce = true;
                stuckSample = -1;
                vad.clear();
                inTurn = false;
                processedFrom = lastProcessedSample = vad.settledSample(); // the appended timeline starts anew
                send(events.event("input_audio_buffer.cleared"));
            }
            case "transcription_session.updated" -> {
                log.sessionUpdate(message.path("session").toString());
                update(message.path("session"));
            }
            case "echo" -> {
                send(events.event("echo.response").put("echo_id", message.path("echo_id").asText())
                        .set("payload", message.path("payload")));
                if (clearedOnce) { // decodes of the cleared audio that finish late
                    finalsBeforeClear.forEach(this::send);
                    finalsBeforeClear.clear();
                }
            }
            default -> send(events.error("unknown_event", "Unknown client event type '" + type + "'", false));
        }
    }

    private void append(String base64) {
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            send(events.error("invalid_audio", "audio is not valid base64", false));
            return;
        }
        restartIdleTimer();
        int appended = log.append(pcm.length, pcm.length / 2 * 1000.0 / sampleRate);
        boolean turnEnded = false;
        for (EnergyVad.Turn turn : vad.feed(pcm)) {
            complete(turn);
            turnEnded = true;
        }
        if (turnEvents && !inTurn && vad.speechSoFar() > 0) {
            inTurn = true;
            send(events.turn("start_of_turn", "item_" + (items + 1), vad.turnSeed()));
        }
        if (vad.speechSoFar() - lastDeltaAt >= DELTA_EVERY_SECONDS) {
            lastDeltaAt = vad.speechSoFar();
            send(events.transcription("delta", "item_" + (items + 1),
                    new EmulatedTranscript(vad.turnSeed(), vad.speechSpanSoFar()).text(), vad.seconds(consumedSamples),
                    vad.speechSoFar(), vad.turnSeed()));
        }
        processed(turnEnded);
        if (fault != null && fault.afterAppends > 0 && appended == fault.afterAppends) {
            switch (fault.kind) {
                case DROP -> drop();
                case CLOSE -> ws.close((short) fault.code, fault.errorCode);
                case FATAL -> fatal("server_error", fault.errorCode, "Emulated fatal failure " + fault.errorCode);
                case MUTE -> muted = true;
                case WITHHOLD_FINALS -> withholdingFinals = true;
                case SEND -> fault.events.forEach(ws::writeTextMessage);
                default -> { }
            }
        }
    }

    private void complete(EnergyVad.Turn turn) {
        lastDeltaAt = 0;
        String itemId = "item_" + ++items;
        boolean startAnnounced = inTurn;
        inTurn = false;
        // the consumed-speech clock: the turns before this one, end to end, with the silence between them skipped
        double start = vad.seconds(consumedSamples);
        double duration = vad.seconds(turn.endSample() - turn.startSample());
        consumedSamples += turn.endSample() - turn.startSample();
        if (withholdingFinals) {
            stuckSample = stuckSample < 0 ? turn.startSample() : stuckSample;
            return;
        }
        if (fault != null && fault.kind == RealtimeFault.Kind.TURN_FAILED && !turnFailureUsed) {
            turnFailureUsed = true;
            send(events.turnFailed(itemId, fault.errorCode));
            return;
        }
        // worded from the speech itself, so the same speech heard from another offset reads the same
        String transcript = new EmulatedTranscript(turn.seed(), turn.speechSeconds()).text();
        if (turnEvents) {
            if (!startAnnounced) {
                send(events.turn("start_of_turn", itemId, turn.seed())); // a turn that began and ended in one append
            }
            send(events.turn("end_of_turn", itemId, turn.seed()).put("transcript", transcript));
        }
        log.completed(transcript);
        ObjectNode completed = events.transcription("completed", itemId, transcript, start, duration, turn.seed());
        if (fault != null && fault.kind == RealtimeFault.Kind.FINALS_CROSS_CLEAR && !clearedOnce) {
            stuckSample = stuckSample < 0 ? turn.startSample() : stuckSample;
            finalsBeforeClear.add(completed);
            return;
        }
        send(completed);
    }

    /** Moves the watermark when it has advanced a step, or at once after a turn ended (when enabled). */
    private void processed(boolean turnEnded) {
        if (!emulator.processedEvents()) {
            return;
        }
        long settled = stuckSample >= 0 ? Math.min(stuckSample, vad.settledSample()) : vad.settledSample();
        if (settled > lastProcessedSample
                && (turnEnded || settled - lastProcessedSample >= PROCESSED_STEP_SECONDS * sampleRate)) {
            lastProcessedSample = settled;
            send(events.processed(vad.seconds(settled - processedFrom) * 1000));
        }
    }

    private void update(JsonNode session) {
        if (session.has("turn_detection")) {
            JsonNode td = session.get("turn_detection");
            vadSettings.enabled = !td.isNull() && !"none".equals(td.path("type").asText());
            vadSettings.threshold = td.path("threshold").asDouble(vadSettings.threshold);
            vadSettings.minSilenceMs = td.path("min_silence_duration_ms").asInt(vadSettings.minSilenceMs);
            vadSettings.minSpeechMs = td.path("min_speech_duration_ms").asInt(vadSettings.minSpeechMs);
            vadSettings.maxSpeechS = td.path("max_speech_duration_s").asDouble(vadSettings.maxSpeechS);
            vadSettings.speechPadMs = td.path("speech_pad_ms").asInt(vadSettings.speechPadMs);
            DEEPGRAM_TURN_OPTIONS.stream().filter(td::has).forEach(name -> deepgramTurnOptions.set(name, td.get(name)));
        }
        language = session.path("language").asText(language);
        prompt = session.path("prompt").asText(prompt);
        ObjectNode echo = events.event("transcription_session.updated");
        ObjectNode applied = echo.putObject("session");
        if (vadSettings.enabled) {
            applied.putObject("turn_detection").put("type", "server_vad").put("threshold", vadSettings.threshold)
                    .put("min_silence_duration_ms", vadSettings.minSilenceMs)
                    .put("min_speech_duration_ms", vadSettings.minSpeechMs)
                    .put("max_speech_duration_s", vadSettings.maxSpeechS).put("speech_pad_ms", vadSettings.speechPadMs)
                    .setAll(deepgramTurnOptions);
        } else {
            applied.putNull("turn_detection");
        }
        applied.put("language", language).put("prompt", prompt);
        send(echo);
    }

    private void applyQueryVad() {
        if ("none".equals(query.get("turn_detection"))) {
            vadSettings.enabled = false;
        }
        vadSettings.threshold = Double.parseDouble(query.getOrDefault("threshold", "" + vadSettings.threshold));
        vadSettings.minSilenceMs = Integer.parseInt(query.getOrDefault("min_silence_duration_ms", "" + vadSettings.minSilenceMs));
        vadSettings.minSpeechMs = Integer.parseInt(query.getOrDefault("min_speech_duration_ms", "" + vadSettings.minSpeechMs));
    }

    /**
     * A dropped network path: the TCP connection is reset (no close frame), and nothing more is processed, so the
     * client sees an abnormal closure (1006). Vert.x has no public API for that on a WebSocket, hence the Netty
     * channel, closed from the head of its pipeline: a close through the pipeline's tail reaches Vert.x's WebSocket,
     * which would first send a close frame with 1000.
     */
    private void drop() {
        dropped = true;
        Channel channel = ((ConnectionBase) request.connection()).channel();
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.pipeline().firstContext().close();
    }

    /** A fatal {@code failed} frame (no event_type), then a close with 1000, as the live server ends a session. */
    private void fatal(String type, String code, String message) {
        send(events.fatal(type, code, message));
        ws.close((short) 1000);
    }

    /** The live server's idle timeout comes as a generic error whose message says Timeout, not as idle_timeout. */
    private void restartIdleTimer() {
        cancelIdleTimer();
        idleTimer = emulator.vertx().setTimer(Math.max(1, emulator.realtimeIdleTimeout().toMillis()), t ->
                fatal("service_unavailable_error", null, "Timeout: no audio received for "
                        + emulator.realtimeIdleTimeout().toSeconds() + " s"));
    }

    private void cancelIdleTimer() {
        if (idleTimer >= 0) {
            emulator.vertx().cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    private void send(ObjectNode event) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(event.toString());
        }
    }
}
