package io.cameltogether.audio.client.jobs;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.mime.FileBody;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.ClientSettings;
import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.RetryPolicy;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.client.transport.ApiHttpClients;

/**
 * Together's Files and Batches APIs for audio jobs: uploads an input file, creates, reads, lists and cancels jobs,
 * and downloads result files to disk. Calls run on the caller's thread. Reads are retried after transient failures
 * (408, 409, 429, 5xx, no answer, an answer cut off) with backoff that honours Retry-After; creating a job is never
 * repeated blindly: after an answer that may have been lost, the jobs are listed and one made from the same input
 * file is taken as the answer, so a job is never created (and billed) twice.
 */
public final class BatchJobsClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJobsClient.class);
    private static final ContentType JSON = ContentType.APPLICATION_JSON;
    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    /** How the client waits between attempts: the thread sleeps, or a test's clock moves. */
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final ClientSettings settings;
    private final CloseableHttpClient http;
    private final JobsHttp calls;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;

    public BatchJobsClient(ClientSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.http = ApiHttpClients.create(settings.apiKey(), settings.connectTimeout(), settings.requestTimeout(), 2,
                settings.network(), settings.baseUrl());
        this.calls = new JobsHttp(http, settings.maxResponseSize());
        this.retryPolicy = new RetryPolicy(settings.retryDelay());
        this.sleeper = sleeper;
    }

    /** Uploads a job's input file ({@code POST /files/upload}, purpose batch-api) and returns its file id. */
    public String upload(JobInput input, String fileName) {
        JsonNode file = json("upload of " + fileName, () -> {
            HttpPost post = new HttpPost(url("files/upload"));
            post.setEntity(MultipartEntityBuilder.create()
                    .setMode(HttpMultipartMode.EXTENDED)
                    .addTextBody("purpose", "batch-api", TEXT)
                    .addTextBody("file_name", fileName, TEXT)
                    .addTextBody("file_type", "jsonl", TEXT)
                    .addPart("file", new FileBody(input.file().toFile(), ContentType.APPLICATION_OCTET_STREAM,
                            fileName))
                    .build());
            return post;
        });
        String id = file.path("id").asText(null);
        if (!BatchJob.isId(id)) {
            throw new TogetherAudioException("the Files API took the upload of " + fileName + " but answered "
                    + "without a usable file id: " + BatchJob.text(file.toString()));
        }
        return id;
    }

    /**
     * Creates a job ({@code POST /batches}) for the endpoint of the task, never twice. After an answer that may have
     * been lost (no answer, 5xx, 408, 409, one cut off) or a success that cannot be read, the jobs are listed: one
     * made from this input file is the answer; if the list shows none, the job is asked for again (a 429 says it
     * was not made, and is simply retried); if the list cannot be read, no second job is asked for.
     *
     * @param mayExist look for a job made from this input file first (an earlier attempt may have made it)
     * @throws TogetherAudioApiException a refusal of every attempt: no job was made
     * @throws TogetherAudioException    a job may have been made, and was not asked for again
     */
    public BatchJob create(BatchTask task, String inputFileId, boolean mayExist) {
        if (mayExist) {
            Optional<BatchJob> made = madeFrom(inputFileId);
            if (made.isPresent()) {
                return made.get();
            }
        }
        String body = Json.MAPPER.createObjectNode().put("endpoint", "/v1/" + task.path())
                .put("input_file_id", inputFileId).put("completion_window", "24h").toString();
        boolean mayHaveMade = mayExist;
        for (int attempt = 1; ; attempt++) {
            HttpPost post = new HttpPost(url("batches"));
            post.setEntity(new StringEntity(body, JSON));
            JobsHttp.Answer answer = null;
            Exception failure;
            try {
                answer = calls.call(post);
                if (answer.ok()) {
                    return created(answer.body(), inputFileId);
                }
                failure = answer.failure();
                if (answer.status() != 429 && !answer.failure().isRetryable()) {
                    throw mayHaveMade ? new TogetherAudioException("creating the batch job for input file "
                            + inputFileId + " was refused after an attempt whose answer was lost, which may have "
                            + "made it: " + failure.getMessage(), failure) : answer.failure();
                }
            } catch (IOException e) {
                failure = e;
            }
            boolean refused = answer != null && answer.status() == 429;
            mayHaveMade |= !refused;
            if (!refused) {
                Optional<BatchJob> made = madeFrom(inputFileId);
                if (made.isPresent()) {
                    return made.get();
                }
            }
            if (attempt > settings.maxRetries()) {
                throw new TogetherAudioException("cannot create the batch job for input file " + inputFileId
                        + " after " + attempt + " attempts: " + failure.getMessage(), failure);
            }
            pause(attempt, answer == null ? null : answer.retryAfter());
        }
    }

    /** A 2xx answer to create: the job, read from it or, when it cannot be read, found in the list. */
    private BatchJob created(String body, String inputFileId) {
        try {
            JsonNode created = parse(body, "create a batch job");
            warnIfAsked(created);
            return BatchJob.read(created.has("job") ? created.path("job") : created);
        } catch (TogetherAudioException unreadable) {
            return madeFrom(inputFileId).orElseThrow(() -> new TogetherAudioException("the Batch API answered "
                    + "success to creating a job from input file " + inputFileId + " but its answer cannot be read ("
                    + unreadable.getMessage() + ") and no such job is listed; it is not asked for again"));
        }
    }

    /** The job as the API reports it now ({@code GET /batches/{id}}). */
    public BatchJob get(String jobId) {
        return BatchJob.read(json("status of batch job " + jobId, () -> new HttpGet(url("batches/" + id(jobId)))));
    }

    /** Asks the API to cancel the job; recordings it finished are still returned (and billed). */
    public BatchJob cancel(String jobId) {
        return BatchJob.read(json("cancel of batch job " + jobId,
                () -> new HttpPost(url("batches/" + id(jobId) + "/cancel"))));
    }

    /** Every job of the key's organization ({@code GET /batches}: a bare array, not paginated). */
    public List<BatchJob> list() {
        JsonNode all = json("list of batch jobs", () -> new HttpGet(url("batches")));
        JsonNode array = all.isArray() ? all : all.path("data");
        if (!array.isArray()) {
            throw new TogetherAudioException("the list of batch jobs is not a JSON array: "
                    + BatchJob.text(all.toString()));
        }
        List<BatchJob> jobs = new ArrayList<>();
        for (JsonNode node : array) {
            try {
                jobs.add(BatchJob.read(node));
            } catch (TogetherAudioException unusable) {
                LOG.debug("skipping a listed batch job without a usable id");
            }
        }
        return jobs;
    }

    /** Streams a file's content ({@code GET /files/{id}/content}) to {@code target}, up to maxBytes. */
    public void download(String fileId, Path target, long maxBytes) {
        retrying("download of file " + fileId,
                () -> calls.download(new HttpGet(url("files/" + id(fileId) + "/content")), target, maxBytes));
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /** The job made from this input file, if the list shows one; a list that cannot be read is not "none". */
    public Optional<BatchJob> madeFrom(String inputFileId) {
        try {
            return list().stream().filter(job -> inputFileId.equals(job.inputFileId())).findFirst();
        } catch (TogetherAudioException listFailed) {
            throw new TogetherAudioException("a batch job may have been created from input file " + inputFileId
                    + " and the list of jobs that would tell cannot be read (" + listFailed.getMessage() + "); "
                    + "no job is asked for again", listFailed);
        }
    }

    private static void warnIfAsked(JsonNode created) {
        JsonNode warning = created.path("warning");
        if (warning.isTextual() && !warning.asText().isBlank()) {
            LOG.warn("the Batch API created the job with a warning: {}", BatchJob.text(warning.asText()));
        }
    }

    /** A call that is safe to repeat, whose 2xx answer is JSON. */
    private JsonNode json(String what, RequestFactory request) {
        return parse(retrying(what, () -> calls.call(request.make())).body(), what);
    }

    private JobsHttp.Answer retrying(String what, Call call) {
        for (int attempt = 1; ; attempt++) {
            JobsHttp.Answer answer = null;
            Exception failure;
            try {
                answer = call.run();
                if (answer.ok()) {
                    return answer;
                }
                failure = answer.failure();
                if (!answer.failure().isRetryable()) {
                    throw answer.failure();
                }
            } catch (IOException e) {
                failure = e;
            }
            if (attempt > settings.maxRetries()) {
                if (failure instanceof TogetherAudioApiException api) {
                    throw api.withHint("the " + what + " failed after " + attempt + " attempts");
                }
                throw new TogetherAudioException("the " + what + " failed after " + attempt + " attempts: "
                        + failure.getMessage(), failure);
            }
            pause(attempt, answer == null ? null : answer.retryAfter());
        }
    }

    private void pause(int attempt, Duration serverDelay) {
        try {
            sleeper.sleep(retryPolicy.delay(attempt, serverDelay));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TogetherAudioException("interrupted while waiting to try the Batch API again", e);
        }
    }

    private static JsonNode parse(String body, String what) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new TogetherAudioException("the " + what + " answered success with a body that is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String id(String value) {
        if (!BatchJob.isId(value)) {
            throw new TogetherAudioException("'" + BatchJob.text(String.valueOf(value)) + "' is not a batch job or "
                    + "file id: ids are letters, digits and _.:- up to 128 characters");
        }
        return value;
    }

    private URI url(String path) {
        return settings.resolve(path);
    }

    private interface RequestFactory {
        HttpUriRequestBase make();
    }

    private interface Call {
        JobsHttp.Answer run() throws IOException;
    }
}
