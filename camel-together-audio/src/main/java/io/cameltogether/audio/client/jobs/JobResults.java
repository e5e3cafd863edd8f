package io.cameltogether.audio.client.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.RateLimits;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.TranscriptAnswers;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;

/**
 * What an ended job did with each of its recordings: the transcripts of its output file, the failures of its error
 * file, then every recording of its input file that has neither, as a failure. So no recording vanishes, whatever
 * the job's end and whatever the files hold; a line naming a recording the input does not hold, or one already
 * answered, is ignored. The three files are downloaded to disk first and read a line at a time, in an order that
 * is the same on every read (the files do not change), so a delivery cut short can be resumed.
 */
public final class JobResults implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobResults.class);
    private static final String INPUT_ONLY = "input";

    /** One recording's end: a transcript, or why there is none. */
    public record Outcome(String recordingId, BatchResponse transcript, BatchRecordingException failure) {
    }

    /** Takes the outcomes in order; answers false to stop (the rest can be read by fetching again). */
    public interface Receiver {
        boolean receive(Outcome outcome);
    }

    private final BatchJob job;
    private final String unansweredReason;
    private final String fingerprint;
    private final Path input;
    private final Path output;
    private final Path errors;
    private final long maxLineBytes;
    private final Set<String> recordings = new HashSet<>();
    private final Set<String> answered = new HashSet<>();
    /** Outcomes met in this delivery, and the first to hand over. */
    private int position;
    private int from;

    private JobResults(BatchJob job, String unansweredReason, Path input, Path output, Path errors,
                       long maxLineBytes, String fingerprint) {
        this.job = job;
        this.fingerprint = fingerprint;
        this.unansweredReason = unansweredReason;
        this.input = input;
        this.output = output;
        this.errors = errors;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Downloads the ended job's input, output and error files into the directory.
     *
     * @param maxFileBytes a file larger than this is refused as it comes
     * @param maxLineBytes a line longer than this is not read; its recording counts as not answered
     */
    public static JobResults fetch(BatchJobsClient client, BatchJob job, Path directory, long maxFileBytes,
                                   long maxLineBytes) {
        return open(client, job, reasonUnanswered(job), true, directory, maxFileBytes, maxLineBytes);
    }

    /**
     * The ended job's recordings, every one a failure for the reason given: for a job whose result files cannot be
     * read (gone, or over the size limit), so that its recordings still end.
     */
    public static JobResults withoutResults(BatchJobsClient client, BatchJob job, String reason, Path directory,
                                            long maxFileBytes, long maxLineBytes) {
        return open(client, job, reason, false, directory, maxFileBytes, maxLineBytes);
    }

    private static JobResults open(BatchJobsClient client, BatchJob job, String unansweredReason, boolean withResults,
                                   Path directory, long maxFileBytes, long maxLineBytes) {
        List<Path> files = new ArrayList<>();
        try {
            // an input file is at most what the Batch API takes
            Path input = download(client, job.inputFileId(), directory, files,
                    Math.min(maxFileBytes, JobInputWriter.MAX_BYTES));
            Path output = withResults ? download(client, job.outputFileId(), directory, files, maxFileBytes) : null;
            Path errors = withResults ? download(client, job.errorFileId(), directory, files, maxFileBytes) : null;
            JobResults results = new JobResults(job, unansweredReason, input, output, errors, maxLineBytes,
                    withResults ? fingerprint(output, errors) : INPUT_ONLY);
            results.readRecordings();
            return results;
        } catch (RuntimeException e) {
            files.forEach(JobResults::delete);
            throw e;
        }
    }

    private static String reasonUnanswered(BatchJob job) {
        return switch (job.status()) {
            case COMPLETED -> "the job COMPLETED without a readable result line for it";
            default -> "the job ended " + job.statusText() + " before it was done"
                    + (job.error() == null ? "" : " (" + job.error() + ")");
        };
    }

    /**
     * What the outcomes were read from: a digest of the output and error files, or "input" when every recording is
     * failed from the input file alone. Outcomes are in the same order whenever the fingerprint is the same.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** How many recordings the job holds. */
    public int recordings() {
        return recordings.size();
    }

    /**
     * Hands the outcomes to the receiver in the same order on every call, from the one at {@code from} on: those
     * before it (delivered already) are passed over without being read into outcomes.
     *
     * @return false when the receiver stopped it
     */
    public boolean deliver(int from, Receiver receiver) {
        answered.clear();
        position = 0;
        this.from = from;
        try {
            return lines(output, this::answer, receiver) && lines(errors, this::failure, receiver)
                    && unanswered(receiver);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results of " + job.id() + " from disk", e);
        }
    }

    @Override
    public void close() {
        for (Path file : new Path[] { input, output, errors }) {
            delete(file);
        }
    }

    private interface LineReader {
        Outcome read(String recordingId, JsonNode line);
    }

    private boolean lines(Path file, LineReader reader, Receiver receiver) throws IOException {
        if (file == null) {
            return true;
        }
        int ignored = 0;
        try (BoundedLines lines = new BoundedLines(file, maxLineBytes)) {
            for (String line; (line = lines.next()) != null; ) {
                JsonNode node = parse(line);
                String id = recordingId(node);
                if (id == null || !recordings.contains(id) || !answered.add(id)) {
                    ignored++;
                    continue;
                }
                if (position++ >= from && !receiver.receive(reader.read(id, node))) {
                    return false;
                }
            }
        }
        if (ignored > 0) {
            LOG.warn("batch job {}: {} lines of a result file are ignored: not JSON objects, over {} bytes, or naming "
                    + "no recording of the job or one already answered; recordings left without a line fail",
                    job.id(), ignored, maxLineBytes);
        }
        return true;
    }

    private boolean unanswered(Receiver receiver) throws IOException {
        try (BoundedLines lines = new BoundedLines(input, maxLineBytes)) {
            for (String line; (line = lines.next()) != null; ) {
                String id = recordingId(parse(line));
                if (id != null && recordings.contains(id) && answered.add(id) && position++ >= from
                        && !receiver.receive(new Outcome(id, null,
                        new BatchRecordingException(job.id(), id, job.statusText(), unansweredReason)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A line of the output file: the endpoint's answer, a transcript when its status is 2xx. */
    private Outcome answer(String id, JsonNode line) {
        JsonNode response = line.path("response");
        JsonNode statusCode = response.path("status_code");
        JsonNode body = response.path("body");
        String text = body.isTextual() ? body.asText() : body.toString();
        if (!statusCode.canConvertToInt()) {
            return failed(id, null, "its result line has no status_code: " + BatchJob.text(line.toString()));
        }
        int status = statusCode.asInt();
        if (status / 100 != 2) {
            JsonNode error = body.path("error");
            return failed(id, code(error), "the API answered HTTP " + status + ": "
                    + BatchJob.text(error.isObject() ? error.path("message").asText(text) : text));
        }
        try {
            TranscriptionResult result = TranscriptAnswers.typedOrLenient(text, "batch job " + job.id()
                    + ", recording '" + id + "'");
            return new Outcome(id, new BatchResponse(text, result, result.id(), RateLimits.NONE), null);
        } catch (JsonProcessingException e) {
            return failed(id, null, "its answer is not the JSON of a transcript (" + e.getOriginalMessage() + ")");
        }
    }

    /** A line of the error file: the reason the recording failed. */
    private Outcome failure(String id, JsonNode line) {
        JsonNode error = line.path("error");
        String message = error.isObject() ? error.path("message").asText("no reason given") : error.asText();
        return failed(id, code(error), BatchJob.text(message));
    }

    /** The error's code, when it is a short word: it ends up in headers and logs. */
    private static String code(JsonNode error) {
        String code = error.path("code").asText(null);
        return code == null || code.length() > 64 ? null : code;
    }

    private Outcome failed(String id, String code, String message) {
        return new Outcome(id, null, new BatchRecordingException(job.id(), id, code, message));
    }

    private void readRecordings() {
        if (input == null) {
            throw new TogetherAudioException("batch job " + job.id() + " reports no input file: its recordings "
                    + "cannot be told apart from the ones it did not do");
        }
        try (BoundedLines lines = new BoundedLines(input, maxLineBytes)) {
            for (String line; (line = lines.next()) != null; ) {
                String id = recordingId(parse(line));
                if (id != null) {
                    recordings.add(id);
                }
                if (recordings.size() > JobInputWriter.MAX_LINES) {
                    throw new TogetherAudioException("the input file of " + job.id() + " holds more than "
                            + JobInputWriter.MAX_LINES + " recordings, which no job of the Batch API can: it is "
                            + "not the file that was submitted");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input file of " + job.id(), e);
        }
    }

    /** A line's {@code custom_id}, when it is one a job can have (1 to 64 characters); else null. */
    private static String recordingId(JsonNode line) {
        String id = line == null ? null : line.path("custom_id").asText(null);
        return id == null || id.isEmpty() || id.length() > JobInputWriter.MAX_ID_LENGTH ? null : id;
    }

    private static String fingerprint(Path... files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (Path file : files) {
                digest.update((byte) (file == null ? 0 : 1)); // no file differs from an empty one
                if (file != null) {
                    try (InputStream in = Files.newInputStream(file)) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            digest.update(buffer, 0, n);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a downloaded result file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The line's JSON object, or null for a line that is too long, not JSON, or not an object. */
    private static JsonNode parse(String line) {
        if (line == BoundedLines.TOO_LONG) { // the marker itself, never a line's text
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            return node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Path download(BatchJobsClient client, String fileId, Path directory, List<Path> files,
                                 long maxBytes) {
        if (fileId == null) {
            return null;
        }
        try {
            Path file = Files.createTempFile(directory, "together-batch-results-", ".jsonl");
            files.add(file);
            client.download(fileId, file, maxBytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a file in " + directory, e);
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.getMessage());
        }
    }
}
