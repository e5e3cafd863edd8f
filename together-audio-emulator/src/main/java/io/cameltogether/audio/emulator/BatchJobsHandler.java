package io.cameltogether.audio.emulator;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Batches API for audio: POST /v1/batches (201 with the job wrapped as {@code {"job": ...}}), GET /v1/batches
 * (a bare array, not paginated), GET /v1/batches/{id} and POST /v1/batches/{id}/cancel (the job itself). Its
 * errors are {@code {"error": "<message>"}}, a string, unlike the other APIs' ErrorData.
 */
final class BatchJobsHandler implements Handler<HttpServerRequest> {

    static final String PREFIX = "/v1/batches";
    private static final Map<String, String> ENDPOINTS = Map.of(
            "/v1/audio/transcriptions", "transcribe",
            "/v1/audio/translations", "translate");

    private final TogetherAudioEmulator emulator;
    private final EmulatedBatchJobs jobs;

    BatchJobsHandler(TogetherAudioEmulator emulator, EmulatedBatchJobs jobs) {
        this.emulator = emulator;
        this.jobs = jobs;
    }

    /** A Batches API error: its status and the string the live API puts in {@code error}. */
    private static final class BatchError extends Exception {
        final int status;

        BatchError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String[] path = ApiRoutes.segments(request.path(), PREFIX);
            try {
                checkAuthorization(request);
                if (path.length == 0 && request.method() == HttpMethod.POST) {
                    jobs.count("POST /v1/batches");
                    create(request, body.length() == 0 ? null : Json.MAPPER.readTree(body.getBytes()));
                } else if (path.length == 0 && request.method() == HttpMethod.GET) {
                    jobs.count("GET /v1/batches");
                    BatchJobFault fault = jobs.take(BatchJobFault.Kind.LIST_STATUS);
                    if (fault != null) {
                        throw new BatchError(fault.count, "Emulated fault");
                    }
                    ArrayNode all = Json.MAPPER.createArrayNode();
                    jobs.all().forEach(job -> all.add(job.toJson()));
                    answer(request, 200, all);
                } else if (path.length == 1 && request.method() == HttpMethod.GET) {
                    jobs.count("GET /v1/batches/{id}");
                    poll(request, path[0]);
                } else if (path.length == 2 && path[1].equals("cancel") && request.method() == HttpMethod.POST) {
                    jobs.count("POST /v1/batches/{id}/cancel");
                    cancel(request, job(path[0]));
                } else {
                    throw new BatchError(404, request.method() + " " + request.path() + " is not an endpoint");
                }
            } catch (BatchError e) {
                answerError(request, e);
            } catch (java.io.IOException e) {
                answerError(request, new BatchError(400, "The body is not valid JSON"));
            }
        });
    }

    private void create(HttpServerRequest request, JsonNode body) throws BatchError {
        if (body == null || !body.isObject()) {
            throw new BatchError(400, "A JSON body with endpoint and input_file_id is required");
        }
        String task = ENDPOINTS.get(body.path("endpoint").asText());
        if (task == null) {
            throw new BatchError(400, "endpoint must be one of /v1/chat/completions, /v1/audio/transcriptions, "
                    + "/v1/audio/translations");
        }
        String window = body.path("completion_window").asText("24h");
        if (!window.equals("24h")) {
            throw new BatchError(400, "completion_window must be 24h");
        }
        EmulatedFiles.StoredFile input = jobs.files().get(body.path("input_file_id").asText())
                .filter(file -> file.purpose().equals("batch-api"))
                .orElseThrow(() -> new BatchError(400, "input_file_id must name a file uploaded with purpose "
                        + "batch-api"));
        EmulatedBatchJob job = new EmulatedBatchJob(task, body.path("endpoint").asText(), input, jobs,
                jobs.take(BatchJobFault.Kind.FAIL_VALIDATION, BatchJobFault.Kind.EXPIRE_AFTER), Vertx.currentContext());
        jobs.add(job);
        job.start();
        if (jobs.take(BatchJobFault.Kind.LOSE_CREATE_ANSWER) != null) {
            request.connection().close();
            return;
        }
        ObjectNode created = Json.MAPPER.createObjectNode();
        created.set("job", job.toJson());
        answer(request, 201, created);
    }

    private void poll(HttpServerRequest request, String id) throws BatchError {
        BatchJobFault fault = jobs.take(BatchJobFault.Kind.POLL_STATUS);
        if (fault != null) {
            if (fault.count == 429) {
                request.response().putHeader("Retry-After", "1");
            }
            throw new BatchError(fault.count, fault.count == 404 ? "Batch job not found" : "Emulated fault");
        }
        answer(request, 200, job(id).toJson());
    }

    private void cancel(HttpServerRequest request, EmulatedBatchJob job) {
        job.cancel().onComplete(cancelled -> answer(request, 200, job.toJson()));
    }

    private EmulatedBatchJob job(String id) throws BatchError {
        return jobs.job(id).orElseThrow(() -> new BatchError(404, "Batch job not found"));
    }

    private void checkAuthorization(HttpServerRequest request) throws BatchError {
        try {
            ApiRules.checkAuthorization(request, emulator.apiKey());
        } catch (ApiError e) {
            throw new BatchError(401, e.getMessage());
        }
    }

    private static void answer(HttpServerRequest request, int status, JsonNode body) {
        request.response().putHeader("Content-Type", "application/json").setStatusCode(status).end(body.toString());
    }

    private static void answerError(HttpServerRequest request, BatchError error) {
        answer(request, error.status, Json.MAPPER.createObjectNode().put("error", error.getMessage()));
    }
}
