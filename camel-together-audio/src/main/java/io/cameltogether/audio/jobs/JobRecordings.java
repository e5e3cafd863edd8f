package io.cameltogether.audio.jobs;

import java.net.URI;
import java.net.URL;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.ObjectHelper;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.batch.BatchOptionsMapper;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.jobs.JobRecording;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchTask;
import io.cameltogether.audio.client.request.OutputFormat;
import io.cameltogether.audio.client.request.ResponseFormat;

/**
 * The recordings of a job to submit, read from the message one at a time (an iterator body is never gathered): a
 * collection, array or iterator of URLs (String, URI, URL), of id-to-URL Map entries, of messages or of exchanges
 * (Camel's aggregator with {@code groupedExchange()} or {@code groupedMessage()}), or a Map of ids to URLs. A message
 * or exchange item holds the URL in its body and the id in CamelTogetherAudioRecordingId (else CamelAwsS3Key or
 * CamelFileName), and its option headers apply to it alone; other items take the id from the URL's file name and the
 * submitting message's options.
 */
final class JobRecordings {

    private static final String[] ID_HEADERS = { TogetherAudioConstants.RECORDING_ID, "CamelAwsS3Key",
            Exchange.FILE_NAME };

    private JobRecordings() {
    }

    static void forEach(Message message, TogetherAudioConfiguration configuration, BatchTask task,
                        Consumer<JobRecording> each) {
        BatchOptions shared = options(message, configuration, task);
        Object body = message.getBody();
        if (body == null) {
            throw new AudioValidationException("batch job not submitted: the body is empty; give a collection of "
                    + "https URLs, of messages or exchanges holding one each, or a Map of ids to URLs");
        }
        if (body instanceof Map<?, ?> byId) {
            for (Map.Entry<?, ?> entry : byId.entrySet()) {
                each.accept(new JobRecording(text(entry.getKey()), text(entry.getValue()), shared,
                        "entry '" + entry.getKey() + "'"));
            }
            return;
        }
        Iterator<?> items = body instanceof CharSequence || body instanceof URI || body instanceof URL
                ? List.of(body).iterator() : ObjectHelper.createIterator(body);
        for (int index = 1; items.hasNext(); index++) {
            each.accept(recording(items.next(), index, shared, configuration, task));
        }
    }

    private static JobRecording recording(Object item, int index, BatchOptions shared,
                                          TogetherAudioConfiguration configuration, BatchTask task) {
        if (item instanceof Map.Entry<?, ?> entry) {
            return new JobRecording(text(entry.getKey()), text(entry.getValue()), shared, "item " + index + " ('"
                    + entry.getKey() + "')");
        }
        Message own = item instanceof Exchange exchange ? exchange.getMessage()
                : item instanceof Message message ? message : null;
        if (own == null) {
            String url = text(item);
            return new JobRecording(fileName(url), url, shared, "item " + index);
        }
        String url = text(own.getBody());
        String id = null;
        for (int i = 0; i < ID_HEADERS.length && (id == null || id.isBlank()); i++) {
            id = own.getHeader(ID_HEADERS[i], String.class);
        }
        return new JobRecording(id == null || id.isBlank() ? fileName(url) : id, url,
                options(own, configuration, task), "item " + index);
    }

    /**
     * The endpoint's options as the message's headers override them. Unless a response format is set, a job asks
     * for verbose_json: a job's results may be read with another output format than the submitter's, and the
     * verbose answer costs the same.
     */
    private static BatchOptions options(Message message, TogetherAudioConfiguration configuration, BatchTask task) {
        OutputFormat output = BatchOptionsMapper.outputFormat(configuration, message);
        BatchOptions options = BatchOptionsMapper.fromMessage(configuration, message);
        if (options.responseFormat() == null) {
            options = options.withResponseFormat(ResponseFormat.VERBOSE_JSON);
        }
        return options.resolve(task, output);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The last segment of the URL's path, or null: a presigned URL's query is not part of the name. */
    private static String fileName(String url) {
        if (url == null) {
            return null;
        }
        try {
            String path = URI.create(url.trim()).getPath();
            if (path == null || path.endsWith("/")) {
                return null;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.isBlank() ? null : name;
        } catch (IllegalArgumentException notAUrl) {
            return null; // the writer refuses the URL, naming the item
        }
    }
}
