package io.cameltogether.audio.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * POST /v1/audio/transcriptions and /v1/audio/translations. The request is read to its end before any answer, as
 * the real edge does, so clients always see the status rather than a broken pipe.
 */
final class BatchHandler implements Handler<HttpServerRequest> {

    private final TogetherAudioEmulator emulator;
    private final HttpClient fetcher;
    private final AtomicLong ids = new AtomicLong();

    BatchHandler(TogetherAudioEmulator emulator, HttpClient fetcher) {
        this.emulator = emulator;
        this.fetcher = fetcher;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String task = ApiRules.TASKS.get(request.path());
        if (task == null || request.method() != HttpMethod.POST) {
            drainThen(request, () -> answerError(request, null, new ApiError(task == null ? 404 : 405,
                    "invalid_request_error", "not_found", null, request.method() + " " + request.path()
                    + " is not an endpoint of this API")));
            return;
        }
        BatchRequestState state = new BatchRequestState(request, task, emulator.nextFault());
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            drainThen(request, () -> answerError(request, state, ApiError.invalidParams("file",
                    "Expected a multipart/form-data body, got '" + contentType + "'")));
            return;
        }
        request.setExpectMultipart(true);
        request.handler(state::scan);
        request.uploadHandler(upload -> {
            state.fileStarted(upload);
            upload.handler(buffer -> {
                if (state.dropped) {
                    return;
                }
                state.inspector.update(buffer);
                Fault fault = state.fault;
                if (fault != null && fault.kind == Fault.Kind.RESET && state.inspector.total() >= fault.resetAfterBytes) {
                    state.dropped = true;
                    record(state, -1);
                    request.connection().close();
                }
            });
        });
        request.exceptionHandler(e -> {
            if (!state.dropped) {
                state.dropped = true;
                emulator.countDroppedUpload(); // the client went away mid-body: nothing to answer
            }
        });
        request.endHandler(v -> finish(state));
    }

    private void finish(BatchRequestState state) {
        HttpServerRequest request = state.request;
        try {
            ApiRules.checkAuthorization(request, emulator.apiKey());
            if (state.fault != null && state.fault.kind == Fault.Kind.STATUS) {
                answerFault(state);
                return;
            }
            if (request.bytesRead() > emulator.limits().maxUploadBytes) {
                answerTooLarge(state);
                return;
            }
            BatchParams params = BatchParams.parse(state.task, state.fields(), state.uploads);
            EmulatedRateLimit rateLimit = emulator.limits().rateLimit;
            if (rateLimit != null && !rateLimit.admit(emulator.apiKey(), params.model(), request.response())) {
                throw EmulatedRateLimit.limited(params.model());
            }
            if (params.url() != null) {
                fetch(state, params);
            } else {
                transcribe(state, params);
            }
        } catch (ApiError e) {
            answerError(request, state, e);
        }
    }

    /** Fetches an https (or http) URL from loopback only: the emulator never reaches beyond this machine. */
    private void fetch(BatchRequestState state, BatchParams params) throws ApiError {
        URI uri;
        try {
            uri = URI.create(params.url());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParams("file", "file is neither an upload nor a valid URL");
        }
        String host = uri.getHost();
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || host == null
                || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
            throw new ApiError(400, "invalid_request_error", "file_fetch_failed", "file",
                    "The emulator fetches audio URLs from loopback only, not from '" + host + "'");
        }
        fetcher.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(params.url()))
                .compose(r -> r.send())
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        answerError(state.request, state, new ApiError(400, "invalid_request_error",
                                "file_fetch_failed", "file", "Fetching the audio URL gave HTTP " + response.statusCode()));
                        return;
                    }
                    response.handler(state.inspector::update);
                    response.endHandler(v -> {
                        if (state.inspector.total() > emulator.limits().maxUrlBytes) {
                            answerError(state.request, state, new ApiError(400, "invalid_request_error",
                                    "file_too_large", "file", "The audio at the URL exceeds the 1 GB limit"));
                        } else {
                            transcribeOrAnswerError(state, params);
                        }
                    });
                })
                .onFailure(e -> answerError(state.request, state, new ApiError(400, "invalid_request_error",
                        "file_fetch_failed", "file", "Could not fetch the audio URL: " + e.getMessage())));
    }

    private void transcribeOrAnswerError(BatchRequestState state, BatchParams params) {
        try {
            transcribe(state, params);
        } catch (ApiError e) {
            answerError(state.request, state, e);
        }
    }

    private void transcribe(BatchRequestState state, BatchParams params) throws ApiError {
        UploadInspector audio = state.inspector;
        byte[] head = audio.head();
        String format = AudioProbe.format(head).orElseThrow(() -> new ApiError(400, "invalid_request_error",
                "unsupported_format", "file", audio.total() == 0 ? "The audio file is empty"
                : "Unsupported audio format: supported formats are .wav, .mp3, .m4a, .webm, .flac, .ogg, .opus, .aac"));
        if (!AudioProbe.decodable(format, head, audio.total())) {
            throw new ApiError(400, "invalid_request_error", "unsupported_format", "file",
                    "The audio file could not be decoded: it holds no audio samples");
        }
        double duration = AudioProbe.durationSeconds(format, head, audio.tail(), audio.total(),
                audio.mp3FrameSeconds());
        if (duration > emulator.limits().maxDurationSeconds) {
            throw new ApiError(400, "invalid_request_error", "audio_too_long", "file", String.format(Locale.ROOT,
                    "Audio is %.0f s long; the limit is %.0f s (4 hours)", duration, emulator.limits().maxDurationSeconds));
        }
        EmulatedTranscript transcript = new EmulatedTranscript(audio.crc32c(), duration);
        String body = params.verbose()
                ? transcript.verbose(state.task, params.language(), params.wordTimestamps(), params.speakers()).toString()
                : Json.MAPPER.createObjectNode().put("text", transcript.text()).toString();
        Fault fault = state.fault;
        if (fault != null && fault.kind == Fault.Kind.HOLD) {
            emulator.held(+1);
            Context context = Vertx.currentContext();
            fault.release.whenComplete((v, e) -> context.runOnContext(x -> {
                emulator.held(-1);
                answer(state, 200, body);
            }));
        } else if (fault != null && fault.kind == Fault.Kind.DELAY) {
            emulator.vertx().setTimer(Math.max(1, fault.delay.toMillis()), t -> answer(state, 200, body));
        } else if (fault != null && fault.kind == Fault.Kind.TRUNCATE) {
            answerTruncated(state, body);
        } else if (emulator.limits().processingSecondsPerAudioHour > 0) {
            long millis = Math.round(duration / 3600 * emulator.limits().processingSecondsPerAudioHour * 1000);
            emulator.vertx().setTimer(Math.max(1, millis), t -> answer(state, 200, body));
        } else {
            answer(state, 200, body);
        }
    }

    private void answerFault(BatchRequestState state) {
        if (state.fault.status == 413) {
            answerTooLargeAsEdge(state);
            return;
        }
        state.fault.putRetryAfter(state.request.response());
        answerError(state.request, state, state.fault.toApiError());
    }

    /**
     * The API refuses a request body over its cap with 413 {@code request_too_large}, once it has read it; some edges
     * answer with an HTML page instead.
     */
    private void answerTooLarge(BatchRequestState state) {
        if (emulator.limits().htmlPayloadTooLarge) {
            answerTooLargeAsEdge(state);
            return;
        }
        answerError(state.request, state, new ApiError(413, "request_too_large", null, "file", String.format(
                Locale.ROOT, "Request body of %d bytes exceeds the %.0f MB limit for direct uploads; pass a URL to "
                + "the file instead (up to 1 GB)", state.request.bytesRead(), emulator.limits().maxUploadBytes / 1e6)));
    }

    private void answerTooLargeAsEdge(BatchRequestState state) {
        state.request.response().putHeader("Content-Type", "text/html");
        answer(state, 413, "<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 "
                + "Request Entity Too Large</h1></center></body></html>");
    }

    private void answerTruncated(BatchRequestState state, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        record(state, 200);
        HttpServerResponse response = state.request.response();
        response.putHeader("Content-Type", "application/json").putHeader("Content-Length", Integer.toString(bytes.length));
        response.write(Buffer.buffer(Arrays.copyOf(bytes, bytes.length / 2)))
                .onComplete(v -> state.request.connection().close());
    }

    private void answerError(HttpServerRequest request, BatchRequestState state, ApiError error) {
        request.response().putHeader("Content-Type", "application/json");
        if (state == null) {
            request.response().setStatusCode(error.status).end(error.body());
            return;
        }
        answer(state, error.status, error.body());
    }

    private void answer(BatchRequestState state, int status, String body) {
        record(state, status);
        HttpServerResponse response = state.request.response();
        if (response.closed()) {
            return;
        }
        if (!response.headers().contains("Content-Type")) {
            response.putHeader("Content-Type", "application/json");
        }
        response.putHeader("x-request-id", "emu-" + ids.incrementAndGet()).setStatusCode(status).end(body);
    }

    private void record(BatchRequestState state, int status) {
        HttpServerRequest request = state.request;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(ApiRules.recordable(h.getKey(), h.getValue())));
        emulator.record(new RecordedRequest(request.path(), headers, state.partOrder(), state.fields(),
                state.fileName, state.fileContentType, state.inspector.total(), state.inspector.crc32c(), status,
                request.remoteAddress().port(), state.fault == null ? null : state.fault.toString(),
                (System.nanoTime() - state.startedNanos) / 1_000_000));
    }

    private static void drainThen(HttpServerRequest request, Runnable then) {
        request.handler(buffer -> { });
        request.endHandler(v -> then.run());
    }
}
