package io.cameltogether.audio.emulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * One audio batch job, run as the live service runs it: VALIDATING (the whole input file is checked; a bad file
 * fails the job), then IN_PROGRESS (recordings fetched from their URLs and transcribed, a few at a time, each taking
 * the processing-time model's time, results written as they finish, so not in input order), then COMPLETED with an
 * output file and, if any recording failed, an error file. Cancelled or expired, it keeps what it finished. All of
 * its work runs on one Vert.x context, so its state needs no lock.
 */
final class EmulatedBatchJob {

    static final int MAX_LINES = 50_000;
    static final long MAX_BYTES = 100_000_000L;
    static final int MAX_ID = 64;

    private final String id = UUID.randomUUID().toString();
    private final String task;
    private final String endpoint;
    private final EmulatedFiles.StoredFile input;
    private final EmulatedBatchJobs jobs;
    private final BatchJobFault fault;
    private final Context context;
    private final Instant created = Instant.now();
    private volatile String status = "VALIDATING";
    private volatile double progress;
    private volatile String outputFileId;
    private volatile String errorFileId;
    private volatile String error;
    private volatile Instant completed;
    private int total;
    private int done;
    private int inFlight;
    private BufferedReader pending;
    private BufferedWriter output;
    private BufferedWriter errors;
    private Path outputPath;
    private Path errorPath;
    private int errorLines;

    EmulatedBatchJob(String task, String endpoint, EmulatedFiles.StoredFile input, EmulatedBatchJobs jobs,
                     BatchJobFault fault, Context context) {
        this.task = task;
        this.endpoint = endpoint;
        this.input = input;
        this.jobs = jobs;
        this.fault = fault;
        this.context = context;
    }

    String id() {
        return id;
    }

    String status() {
        return status;
    }

    String inputFileId() {
        return input.id();
    }

    void start() {
        context.owner().setTimer(Math.max(1, jobs.validationTime().toMillis()), t -> validate());
    }

    /**
     * Cancels a job still VALIDATING or IN_PROGRESS, on the job's context: what it finished stays in its output.
     * Completes with whether it was cancelled.
     */
    Future<Boolean> cancel() {
        Promise<Boolean> cancelled = Promise.promise();
        context.runOnContext(v -> {
            boolean running = status.equals("VALIDATING") || status.equals("IN_PROGRESS");
            if (running) {
                finish("CANCELLED", null);
            }
            cancelled.complete(running);
        });
        return cancelled.future();
    }

    ObjectNode toJson() {
        ObjectNode job = Json.MAPPER.createObjectNode().put("id", id).put("user_id", "emulator-user")
                .put("input_file_id", input.id()).put("file_size_bytes", size(input.path())).put("status", status)
                .put("job_deadline", created.plus(Duration.ofHours(24)).toString())
                .put("created_at", created.toString()).put("endpoint", endpoint)
                .put("progress", progress).put("model_id", "");
        putIfSet(job, "output_file_id", outputFileId);
        putIfSet(job, "error_file_id", errorFileId);
        putIfSet(job, "error", error);
        putIfSet(job, "completed_at", completed == null ? null : completed.toString());
        return job;
    }

    private void validate() {
        if (!status.equals("VALIDATING")) {
            return;
        }
        String invalid = fault != null && fault.kind == BatchJobFault.Kind.FAIL_VALIDATION
                ? fault.error : invalidInput();
        if (invalid != null) {
            finish("FAILED", invalid);
            return;
        }
        try {
            pending = Files.newBufferedReader(input.path(), StandardCharsets.UTF_8);
            outputPath = jobs.files().newPath();
            errorPath = jobs.files().newPath();
            output = Files.newBufferedWriter(outputPath, StandardCharsets.UTF_8);
            errors = Files.newBufferedWriter(errorPath, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        status = "IN_PROGRESS";
        pump();
    }

    /** What the live service refuses in a whole input file, or null when it takes it. */
    private String invalidInput() {
        if (size(input.path()) > MAX_BYTES) {
            return "Input file is over the 100 MB limit";
        }
        Set<String> ids = new HashSet<>();
        try (BufferedReader lines = Files.newBufferedReader(input.path(), StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                number++;
                String problem = invalidLine(line, ids);
                if (problem != null) {
                    return "Line " + number + ": " + problem;
                }
            }
            total = number;
        } catch (IOException e) {
            return "Input file cannot be read";
        }
        if (total == 0) {
            return "Input file holds no requests";
        }
        return total > MAX_LINES ? "Input file holds " + total + " requests; the limit is " + MAX_LINES : null;
    }

    private static String invalidLine(String line, Set<String> ids) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return "not valid JSON";
        }
        String customId = node.path("custom_id").asText("");
        if (customId.isEmpty() || customId.length() > MAX_ID) {
            return "custom_id must be 1 to " + MAX_ID + " characters";
        }
        if (!ids.add(customId)) {
            return "duplicate custom_id '" + customId + "'";
        }
        if (!"FILE".equals(node.path("method").asText())) {
            return "audio requests need \"method\": \"FILE\"";
        }
        return node.path("body").path("file").isTextual() ? null : "body.file must be the URL of the audio";
    }

    /** Starts recordings until the concurrency is used or the input is read. */
    private void pump() {
        try {
            while (status.equals("IN_PROGRESS") && inFlight < jobs.concurrency()) {
                String line = pending.readLine();
                if (line == null) {
                    break;
                }
                if (!line.isBlank()) {
                    inFlight++;
                    process(Json.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (inFlight == 0 && status.equals("IN_PROGRESS")) {
            finish("COMPLETED", null);
        }
    }

    private void process(JsonNode line) {
        String customId = line.path("custom_id").asText();
        BatchParams params;
        try {
            params = BatchParams.parse(task, fields(line.path("body")), 0);
        } catch (ApiError e) {
            done(customId, null, e);
            return;
        }
        UploadInspector audio = new UploadInspector();
        jobs.fetcher().fetch(params.url(), audio, jobs.limits()).onComplete(fetched -> {
            if (fetched.failed()) {
                done(customId, null, (ApiError) fetched.cause());
                return;
            }
            try {
                EmulatedRecognizer.Recognized recognized = EmulatedRecognizer.recognize(task, audio, params,
                        jobs.limits());
                long millis = EmulatedRecognizer.processingMillis(recognized.durationSeconds(), jobs.limits());
                context.owner().setTimer(Math.max(1, millis), t -> done(customId, recognized.body(), null));
            } catch (ApiError e) {
                done(customId, null, e);
            }
        });
    }

    private void done(String customId, String body, ApiError failure) {
        inFlight--;
        if (!status.equals("IN_PROGRESS")) {
            return; // cancelled or expired meanwhile: this one is not done
        }
        ObjectNode line = Json.MAPPER.createObjectNode().put("id", UUID.randomUUID().toString())
                .put("custom_id", customId);
        try {
            if (failure == null) {
                ObjectNode response = line.putObject("response").put("status_code", 200)
                        .put("request_id", UUID.randomUUID().toString());
                response.set("body", Json.MAPPER.readTree(body));
                output.write(line + "\n");
            } else {
                line.putObject("error").put("message", failure.getMessage()).put("code", failure.code);
                errors.write(line + "\n");
                errorLines++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        done++;
        progress = Math.round(1000.0 * done / total) / 10.0;
        if (fault != null && fault.kind == BatchJobFault.Kind.EXPIRE_AFTER && done >= fault.count) {
            finish("EXPIRED", fault.error);
            return;
        }
        pump();
    }

    private void finish(String end, String reason) {
        if (completed != null) {
            return;
        }
        error = reason;
        try {
            if (pending != null) {
                pending.close();
                output.close();
                errors.close();
                outputFileId = jobs.files().add(id + "-output.jsonl", "batch-output", outputPath).id();
                if (errorLines > 0) {
                    errorFileId = jobs.files().add(id + "-errors.jsonl", "batch-output", errorPath).id();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        completed = Instant.now();
        status = end;
    }

    /** A JSONL body as the form fields the batch endpoint parses: arrays as repeated fields, values as text. */
    private static Map<String, List<String>> fields(JsonNode body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            List<String> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(v -> values.add(v.asText()));
            } else {
                values.add(field.getValue().asText());
            }
            fields.put(field.getKey(), values);
        });
        return fields;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }
}
