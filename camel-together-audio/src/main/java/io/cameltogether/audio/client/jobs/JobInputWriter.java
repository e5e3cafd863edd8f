package io.cameltogether.audio.client.jobs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.TimestampGranularity;

/**
 * Writes a batch job's JSONL input to a temporary file, one line per recording as it is given, checking each
 * against the Batch API's rules so that a job the API would refuse is refused here, naming the item, before a byte
 * is sent. Only the ids seen are held (to find duplicates): at most 50,000 of at most 64 characters.
 */
public final class JobInputWriter implements AutoCloseable {

    /** The Batch API's limits on one input file. */
    public static final int MAX_LINES = 50_000;
    public static final long MAX_BYTES = 100_000_000L;
    public static final int MAX_ID_LENGTH = 64;

    private final Path file;
    private final CountingOutputStream out;
    private final JsonGenerator json;
    private final Set<String> ids = new HashSet<>();
    private boolean finished;

    public JobInputWriter(Path directory) {
        try {
            this.file = Files.createTempFile(directory, "together-batch-", ".jsonl");
            this.out = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
            this.json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
            json.setRootValueSeparator(null);
            json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM); // a line at a time, not a write per line
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a batch job's input file in " + directory, e);
        }
    }

    /**
     * Checks the recording and appends its line.
     *
     * @throws AudioValidationException naming the item when the recording or the file breaks one of the API's rules
     */
    public void add(JobRecording recording) {
        if (ids.size() == MAX_LINES) {
            throw refuse(recording, "is one recording too many: a batch job takes at most " + MAX_LINES
                    + " recordings; submit the rest as another job");
        }
        checkUrl(recording);
        checkId(recording);
        try {
            writeLine(recording);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a batch job's input file " + file, e);
        }
        if (out.count > MAX_BYTES) {
            throw refuse(recording, "takes the input file past the Batch API's " + MAX_BYTES / 1_000_000
                    + " MB (" + out.count + " bytes): submit fewer recordings per job, or shorter prompts");
        }
    }

    /** Closes the file and says what it holds; the caller then owns (and deletes) it. */
    public JobInput finish() {
        if (ids.isEmpty()) {
            throw new AudioValidationException("a batch job needs at least one recording: the body holds none");
        }
        try {
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a batch job's input file " + file, e);
        }
        finished = true;
        return new JobInput(file, ids.size(), out.count);
    }

    /** Deletes the file unless {@link #finish()} handed it over. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            json.close();
        } catch (IOException ignored) {
            // the file is deleted below: nothing was handed over
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the unfinished input file " + file, e);
        }
    }

    private void checkId(JobRecording recording) {
        String id = recording.id();
        if (id == null || id.isBlank()) {
            throw refuse(recording, "has no id: set the CamelTogetherAudioRecordingId header (or give a URL whose "
                    + "path ends in a file name)");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw refuse(recording, "has an id of " + id.length() + " characters ('" + id.substring(0, 20)
                    + "...'): the Batch API takes custom ids of at most " + MAX_ID_LENGTH + "; set a shorter "
                    + "CamelTogetherAudioRecordingId");
        }
        if (!ids.add(id)) {
            throw refuse(recording, "has the id '" + id + "' of an earlier recording: ids key the results, so each "
                    + "must be unique in the job");
        }
    }

    private static void checkUrl(JobRecording recording) {
        String value = recording.url() == null ? "" : recording.url().trim();
        URI uri = null;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            // refused below
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw refuse(recording, "is not an http(s) URL ('" + abbreviate(value) + "'): Together fetches a batch "
                    + "job's audio itself, so each recording must be a URL it can reach, such as a presigned "
                    + "object-store URL (camel-aws2-s3's createDownloadLink operation) or a file on an https server");
        }
    }

    private void writeLine(JobRecording recording) throws IOException {
        BatchOptions o = recording.options();
        json.writeStartObject();
        json.writeStringField("custom_id", recording.id());
        json.writeStringField("method", "FILE");
        json.writeObjectFieldStart("body");
        json.writeStringField("file", recording.url().trim());
        json.writeStringField("model", o.model());
        writeIfSet("language", o.language());
        writeIfSet("prompt", o.prompt());
        writeIfSet("response_format", o.responseFormat() == null ? null : o.responseFormat().wireName());
        if (o.temperature() != null) {
            json.writeNumberField("temperature", o.temperature());
        }
        if (!o.timestampGranularities().isEmpty()) {
            json.writeArrayFieldStart("timestamp_granularities");
            for (TimestampGranularity g : TimestampGranularity.values()) {
                if (o.timestampGranularities().contains(g)) {
                    json.writeString(g.wireName());
                }
            }
            json.writeEndArray();
        }
        if (o.diarize() != null) {
            json.writeBooleanField("diarize", o.diarize());
        }
        if (o.minSpeakers() != null) {
            json.writeNumberField("min_speakers", o.minSpeakers());
        }
        if (o.maxSpeakers() != null) {
            json.writeNumberField("max_speakers", o.maxSpeakers());
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    private void writeIfSet(String field, String value) throws IOException {
        if (value != null && !value.isBlank()) {
            json.writeStringField(field, value);
        }
    }

    private static AudioValidationException refuse(JobRecording recording, String what) {
        return new AudioValidationException("batch job not submitted: " + recording.describedAs() + " " + what);
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    /** Counts what reaches the file, so the size limit is checked as lines are written. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
