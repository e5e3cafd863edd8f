package io.cameltogether.audio.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;

/**
 * One batch request as it streams in: its part order, fields, and the upload's bytes (inspected, not kept).
 * Vert.x hands over form fields only at the end of the body, so the order of the parts before the upload is read
 * from the raw part headers, which are scanned until the first file part begins.
 */
final class BatchRequestState {

    private static final Pattern PART_HEADER = Pattern.compile(
            "Content-Disposition:\\s*form-data;\\s*name=\"([^\"]*)\"(;\\s*filename=)?", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SCAN = 4 * 1024 * 1024;

    final HttpServerRequest request;
    final String task;
    final Fault fault;
    final UploadInspector inspector = new UploadInspector();
    final long startedNanos = System.nanoTime();
    String fileName;
    String fileContentType;
    int uploads;
    /** Set once a reset fault has closed the connection, or the client has gone away mid-body. */
    boolean dropped;
    private final List<String> partsUpToFile = new ArrayList<>();
    private final StringBuilder scanned = new StringBuilder();
    private int scanFrom;
    private boolean fileReached;

    BatchRequestState(HttpServerRequest request, String task, Fault fault) {
        this.request = request;
        this.task = task;
        this.fault = fault;
    }

    void scan(Buffer chunk) {
        if (fileReached || scanned.length() > MAX_SCAN) {
            return;
        }
        scanned.append(chunk.toString(StandardCharsets.ISO_8859_1));
        Matcher m = PART_HEADER.matcher(scanned);
        while (m.find(scanFrom)) {
            scanFrom = m.end();
            partsUpToFile.add(m.group(1));
            if (m.group(2) != null) {
                fileReached = true;
                scanned.setLength(0);
                return;
            }
        }
        scanFrom = Math.max(scanFrom, scanned.length() - 256); // a header may straddle two chunks
    }

    void fileStarted(HttpServerFileUpload upload) {
        uploads++;
        fileName = upload.filename();
        fileContentType = upload.contentType();
    }

    /** Part names in arrival order: those scanned up to the file, then the fields that followed it. */
    List<String> partOrder() {
        List<String> fieldNames = request.formAttributes().entries().stream().map(Map.Entry::getKey).toList();
        if (!fileReached) {
            return fieldNames;
        }
        List<String> order = new ArrayList<>(partsUpToFile);
        order.addAll(fieldNames.subList(Math.min(partsUpToFile.size() - 1, fieldNames.size()), fieldNames.size()));
        return order;
    }

    Map<String, List<String>> fields() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.formAttributes().forEach(e -> fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return fields;
    }
}
