package io.cameltogether.audio.emulator;

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

/**
 * POST /v1/audio/transcriptions and /v1/audio/translations. The request is read to its end before any answer, as
 * the real edge does, so clients always see the status rather than a broken pipe.
 */
final class BatchHandler implements Handler<HttpServerRequest> {

    private final TogetherAudioEmulator emulator;
    private final AudioUrlFetcher fetcher;
    private final AtomicLong ids = new AtomicLong();

    BatchHandler(TogetherAudioEmulator emulator, HttpClient fetcher) {
        this.emulator = emulator;
        this.fetcher = new AudioUrlFetcher(fetcher);
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

    private void fetch(BatchRequestState state, BatchParams params) {
        fetcher.fetch(params.url(), state.inspector, emulator.limits())
                .onSuccess(v -> transcribeOrAnswerError(state, params))
                .onFailure(e -> answerError(state.request, state, (ApiError) e));
    }

    private void transcribeOrAnswerError(BatchRequestState state, BatchParams params) {
        try {
            transcribe(state, params);
        } catch (ApiError e) {
            answerError(state.request, state, e);
        }
    }

    private void transcribe(BatchRequestState state, BatchParams params) throws ApiError {
        EmulatedRecognizer.Recognized recognized = EmulatedRecognizer.recognize(state.task, state.inspector, params,
                emulator.limits());
        String body = recognized.body();
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
            long millis = EmulatedRecognizer.processingMillis(recognized.durationSeconds(), emulator.limits());
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
