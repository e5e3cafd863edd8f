package io.cameltogether.audio.client.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.cameltogether.audio.client.TogetherAudioException;

/**
 * A batch job as the Batch API last reported it. Every value is checked before it steers anything: ids must look
 * like ids (they go into URL paths), progress is clamped to 0-100, and texts are cut to a bounded length.
 *
 * @param progress    0 to 100, as the API reports it; null when it does not
 * @param error       the API's reason for a FAILED job, or null
 * @param outputFileId null until the job has one
 * @param errorFileId  null unless some recordings failed
 * @param deadline     the end of the job's completion window ({@code job_deadline}, else {@code created_at} plus
 *                     24 hours), or null when neither is given as a plausible time
 */
public record BatchJob(String id, BatchJobStatus status, String statusText, Double progress, String inputFileId,
                       String outputFileId, String errorFileId, String error, String endpoint, String createdAt,
                       String completedAt, Instant deadline) {

    /** What an id from the server may look like before it goes into a URL path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final int MAX_TEXT = 1000;
    private static final Duration COMPLETION_WINDOW = Duration.ofHours(24);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");

    /**
     * Reads the job object.
     *
     * @throws TogetherAudioException when it has no usable id
     */
    static BatchJob read(JsonNode node) {
        String id = id(node, "id");
        if (id == null) {
            throw new TogetherAudioException("the Batch API answered without a usable job id: "
                    + text(node.toString()));
        }
        String status = textField(node, "status");
        JsonNode progress = node.path("progress");
        Double percent = progress.isNumber() && Double.isFinite(progress.asDouble())
                ? Math.max(0, Math.min(100, progress.asDouble())) : null;
        return new BatchJob(id, BatchJobStatus.of(status), status, percent, id(node, "input_file_id"),
                id(node, "output_file_id"), id(node, "error_file_id"), textField(node, "error"),
                textField(node, "endpoint"), textField(node, "created_at"), textField(node, "completed_at"),
                deadline(node));
    }

    /** The job's deadline, else its creation plus the 24-hour window; null when neither is a plausible time. */
    private static Instant deadline(JsonNode node) {
        Instant deadline = time(node, "job_deadline");
        Instant created = time(node, "created_at");
        return deadline != null ? deadline : created == null ? null : created.plus(COMPLETION_WINDOW);
    }

    /** This job as ended: what a job still open long past its deadline is taken to be, its results not read. */
    public BatchJob endedUnfinished(String reason) {
        return new BatchJob(id, BatchJobStatus.EXPIRED, "EXPIRED", progress, inputFileId, null, null, reason,
                endpoint, createdAt, completedAt, deadline);
    }

    /** A time the server sent, when it is one between 2000 and 3000 (a year in the billions breaks arithmetic). */
    private static Instant time(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().length() > 64) {
            return null;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                time = Instant.parse(value.asText());
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
        return time.isBefore(EARLIEST) || time.isAfter(LATEST) ? null : time;
    }

    /** Whether an id (of a job or a file) is one this client puts in a URL path. */
    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** The field when it holds an id; null when absent, empty or not an id. */
    private static String id(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && isId(value.asText()) ? value.asText() : null;
    }

    private static String textField(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return text(value.isValueNode() ? value.asText() : value.toString());
    }

    static String text(String value) {
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT) + "...";
    }

    @Override
    public String toString() {
        return "batch job " + id + " " + statusText + (progress == null ? "" : " (" + progress + " %)");
    }
}
