package io.cameltogether.audio.emulator;

import java.util.Base64;
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
 * One realtime transcription session, as the real server runs it: session.created, settings by
 * transcription_session.updated, base64 PCM appends in text frames (a binary frame ends the session), deltas and a
 * completed event per speech turn (with Deepgram models, start_of_turn and end_of_turn around it), commit and clear,
 * echo, the idle timeout, and the scripted fault.
 */
final class EmulatedRealtimeSession {

    static final Set<String> MODELS = Set.of("openai/whisper-large-v3", "nvidia/parakeet-tdt-0.6b-v3",
            "nvidia/nemotron-3-asr-streaming-0.6b", "nvidia/nemotron-3.5-asr-streaming-0.6b", "deepgram/nova-3-en",
            "deepgram/nova-3-multi", "deepgram/flux");
    private static final Map<String, Integer> FORMATS = Map.of("pcm_s16le_16000", 16_000, "pcm_s16le_8000", 8_000,
            "pcm_s16le_24000", 24_000);
    private static final String PREFIX = "conversation.item.input_audio_transcription.";
    private static final double DELTA_EVERY_SECONDS = 0.5;

    private final TogetherAudioEmulator emulator;
    private final HttpServerRequest request;
    private final ServerWebSocket ws;
    private final Map<String, String> query;
    private final RealtimeFault fault;
    private final RealtimeConnectionLog log;
    private final EnergyVad.Settings vadSettings = new EnergyVad.Settings();
    private EnergyVad vad;
    private int sampleRate;
    private int items;
    private int events;
    private double lastDeltaAt;
    private boolean started;
    private boolean turnEvents;
    private boolean inTurn;
    private boolean muted;
    private boolean turnFailureUsed;
    private boolean dropped;
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
    }

    void start() {
        ws.closeHandler(v -> {
            log.closed(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode());
            cancelIdleTimer();
        });
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> {
            log.binaryFrame();
            ws.close((short) 1003, "binary frames are not accepted: send audio as base64 in text frames");
        });
        String model = query.get("model");
        String format = query.getOrDefault("input_audio_format", "pcm_s16le_16000");
        if (!FORMATS.containsKey(format)) {
            fatal("unsupported_audio_format", "input_audio_format '" + format + "' is not supported: use "
                    + "pcm_s16le_16000, pcm_s16le_8000 or pcm_s16le_24000");
            return;
        }
        sampleRate = FORMATS.get(format);
        if (model == null || fault != null && fault.kind == RealtimeFault.Kind.NO_SESSION) {
            return; // as the real server without a model: appends queue up and the session never starts
        }
        turnEvents = model != null && model.startsWith("deepgram/"); // as Deepgram's models on Together do
        if (!MODELS.contains(model)) {
            fatal("model_not_available", "Model '" + model + "' is not available for realtime transcription");
            return;
        }
        applyQueryVad();
        vad = new EnergyVad(sampleRate, vadSettings);
        started = true;
        ObjectNode created = event("session.created");
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
            error("invalid_json", "The message is not JSON");
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
                send(event("input_audio_buffer.committed"));
                if (turn != null) {
                    complete(turn);
                }
            }
            case "input_audio_buffer.clear" -> {
                vad.clear();
                inTurn = false;
                send(event("input_audio_buffer.cleared"));
            }
            case "transcription_session.updated" -> {
                log.sessionUpdate(message.path("session").toString());
                update(message.path("session"));
            }
            case "echo" -> send(event("echo.response").put("echo_id", message.path("echo_id").asText())
                    .set("payload", message.path("payload")));
            default -> error("unknown_event", "Unknown client event type '" + type + "'");
        }
    }

    private void append(String base64) {
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            error("invalid_audio", "audio is not valid base64");
            return;
        }
        restartIdleTimer();
        int appended = log.append(pcm.length, pcm.length / 2 * 1000.0 / sampleRate);
        for (EnergyVad.Turn turn : vad.feed(pcm)) {
            complete(turn);
        }
        if (turnEvents && !inTurn && vad.speechSoFar() > 0) {
            inTurn = true;
            send(turnEvent("start_of_turn", "item_" + (items + 1)));
        }
        if (vad.speechSoFar() - lastDeltaAt >= DELTA_EVERY_SECONDS) {
            lastDeltaAt = vad.speechSoFar();
            ObjectNode delta = transcriptionEvent("delta").put("delta",
                    new EmulatedTranscript(vad.turnSeed(), vad.speechSpanSoFar()).text());
            if (!emulator.bareTranscriptionEvents()) {
                delta.put("item_id", "item_" + (items + 1));
            }
            send(delta);
        }
        if (fault != null && fault.afterAppends > 0 && appended == fault.afterAppends) {
            switch (fault.kind) {
                case DROP -> drop();
                case CLOSE -> ws.close((short) fault.code, fault.errorCode);
                case FATAL -> fatal(fault.errorCode, "Emulated fatal failure " + fault.errorCode);
                case MUTE -> muted = true;
                default -> { }
            }
        }
    }

    private void complete(EnergyVad.Turn turn) {
        lastDeltaAt = 0;
        String itemId = "item_" + ++items;
        boolean startAnnounced = inTurn;
        inTurn = false;
        double start = vad.seconds(turn.startSample());
        double duration = vad.seconds(turn.endSample() - turn.startSample());
        if (fault != null && fault.kind == RealtimeFault.Kind.TURN_FAILED && !turnFailureUsed) {
            turnFailureUsed = true;
            ObjectNode failed = event(PREFIX + "failed").put("item_id", itemId).put("event_type", PREFIX + "completed");
            failed.putObject("error").put("type", "server_error").put("code", fault.errorCode)
                    .put("message", "Emulated transcription failure of one turn").putNull("param");
            send(failed);
            return;
        }
        // worded from the speech itself, so the same speech heard from another offset reads the same
        String transcript = new EmulatedTranscript(turn.seed(), turn.speechSeconds()).text();
        if (turnEvents) {
            if (!startAnnounced) {
                send(turnEvent("start_of_turn", itemId)); // a turn that began and ended within one append
            }
            send(turnEvent("end_of_turn", itemId).put("transcript", transcript));
        }
        log.completed(transcript);
        ObjectNode completed = transcriptionEvent("completed").put("transcript", transcript);
        if (!emulator.bareTranscriptionEvents()) {
            completed.put("item_id", itemId).put("start", round(start)).put("duration", round(duration));
        }
        send(completed);
    }

    /** A turn-taking event, as Deepgram's models send them (their exact fields are not documented). */
    private ObjectNode turnEvent(String kind, String itemId) {
        ObjectNode event = event(PREFIX + kind);
        if (!emulator.bareTranscriptionEvents()) {
            event.put("item_id", itemId);
        }
        return event;
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
        }
        language = session.path("language").asText(language);
        prompt = session.path("prompt").asText(prompt);
        ObjectNode echo = event("transcription_session.updated");
        ObjectNode applied = echo.putObject("session");
        if (vadSettings.enabled) {
            applied.putObject("turn_detection").put("type", "server_vad").put("threshold", vadSettings.threshold)
                    .put("min_silence_duration_ms", vadSettings.minSilenceMs)
                    .put("min_speech_duration_ms", vadSettings.minSpeechMs)
                    .put("max_speech_duration_s", vadSettings.maxSpeechS).put("speech_pad_ms", vadSettings.speechPadMs);
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

    private void fatal(String code, String message) {
        ObjectNode failed = event(PREFIX + "failed");
        failed.putObject("error").put("type", "invalid_request_error").put("code", code).put("message", message)
                .putNull("param");
        send(failed);
        ws.close((short) 1008, code);
    }

    private void error(String code, String message) {
        ObjectNode error = event("error");
        error.putObject("error").put("type", "invalid_request_error").put("code", code).put("message", message);
        send(error);
    }

    private void restartIdleTimer() {
        cancelIdleTimer();
        idleTimer = emulator.vertx().setTimer(Math.max(1, emulator.realtimeIdleTimeout().toMillis()), t -> {
            error("idle_timeout", "No audio received for " + emulator.realtimeIdleTimeout().toSeconds() + " s");
            ws.close((short) 1000, "idle_timeout");
        });
    }

    private void cancelIdleTimer() {
        if (idleTimer >= 0) {
            emulator.vertx().cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    private ObjectNode event(String type) {
        return Json.MAPPER.createObjectNode().put("event_id", "evt_" + ++events).put("type", type);
    }

    /** The bare shape carries only the type and the text: no event_id either. */
    private ObjectNode transcriptionEvent(String kind) {
        return emulator.bareTranscriptionEvents() ? Json.MAPPER.createObjectNode().put("type", PREFIX + kind)
                : event(PREFIX + kind);
    }

    private void send(ObjectNode event) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(event.toString());
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
