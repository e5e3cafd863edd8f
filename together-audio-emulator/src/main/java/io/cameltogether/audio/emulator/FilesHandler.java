package io.cameltogether.audio.emulator;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The Files API as batch jobs use it: POST /v1/files/upload (multipart: purpose, file_name, file_type, file),
 * GET /v1/files/{id} and GET /v1/files/{id}/content. Errors are ErrorData, as the live Files API answers them.
 */
final class FilesHandler implements Handler<HttpServerRequest> {

    static final String PREFIX = "/v1/files";
    private static final Set<String> PURPOSES = Set.of("batch-api", "fine-tune", "eval");
    private static final Set<String> FILE_TYPES = Set.of("jsonl", "csv", "parquet");

    private final TogetherAudioEmulator emulator;
    private final EmulatedBatchJobs jobs;

    FilesHandler(TogetherAudioEmulator emulator, EmulatedBatchJobs jobs) {
        this.emulator = emulator;
        this.jobs = jobs;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String[] path = ApiRoutes.segments(request.path(), PREFIX);
        if (request.method() == HttpMethod.POST && Arrays.equals(path, new String[] { "upload" })) {
            jobs.count("POST /v1/files/upload");
            upload(request); // read to its end before any answer, as the live edge does
            return;
        }
        try {
            ApiRules.checkAuthorization(request, emulator.apiKey());
            if (request.method() == HttpMethod.GET && path.length == 1) {
                jobs.count("GET /v1/files/{id}");
                request.response().putHeader("Content-Type", "application/json").end(file(path[0]).toJson().toString());
            } else if (request.method() == HttpMethod.GET && path.length == 2 && path[1].equals("content")) {
                jobs.count("GET /v1/files/{id}/content");
                content(request, file(path[0]));
            } else {
                throw new ApiError(404, "invalid_request_error", "not_found", null,
                        request.method() + " " + request.path() + " is not an endpoint of this API");
            }
        } catch (ApiError e) {
            answer(request, e);
        }
    }

    private void upload(HttpServerRequest request) {
        Path target = jobs.files().newPath();
        Promise<Integer> files = Promise.promise();
        request.setExpectMultipart(true);
        int[] uploads = new int[1];
        request.uploadHandler(upload -> {
            if (uploads[0]++ == 0) {
                upload.streamToFileSystem(target.toString()).onComplete(v -> files.tryComplete(1));
            } else {
                upload.handler(ignored -> { });
            }
        });
        request.end().compose(v -> uploads[0] == 0 ? Future.succeededFuture(0) : files.future()).onComplete(v -> {
            try {
                ApiRules.checkAuthorization(request, emulator.apiKey());
                String purpose = request.getFormAttribute("purpose");
                String fileName = request.getFormAttribute("file_name");
                String fileType = request.getFormAttribute("file_type");
                if (uploads[0] != 1) {
                    throw ApiError.invalidParams("file", "Exactly one 'file' part is required");
                }
                if (purpose == null || !PURPOSES.contains(purpose)) {
                    throw ApiError.invalidParams("purpose", "purpose must be one of " + PURPOSES + ", got '"
                            + purpose + "'");
                }
                if (fileName == null || fileName.isBlank()) {
                    throw ApiError.invalidParams("file_name", "file_name is required");
                }
                if (fileType != null && !FILE_TYPES.contains(fileType)) {
                    throw ApiError.invalidParams("file_type", "file_type must be one of " + FILE_TYPES);
                }
                EmulatedFiles.StoredFile file = jobs.files().add(fileName, purpose, target);
                request.response().putHeader("Content-Type", "application/json").end(file.toJson().toString());
            } catch (ApiError e) {
                answer(request, e);
            }
        });
    }

    private void content(HttpServerRequest request, EmulatedFiles.StoredFile file) {
        request.response().putHeader("Content-Type", "application/octet-stream");
        if (jobs.take(BatchJobFault.Kind.CUT_OFF_DOWNLOAD) == null) {
            request.response().sendFile(file.path().toString());
            return;
        }
        emulator.vertx().fileSystem().readFile(file.path().toString()).onSuccess(bytes -> {
            request.response().putHeader("Content-Length", Integer.toString(bytes.length()));
            request.response().write(Buffer.buffer(bytes.getBytes(0, bytes.length() / 2)))
                    .onComplete(v -> request.connection().close());
        });
    }

    private EmulatedFiles.StoredFile file(String id) throws ApiError {
        return jobs.files().get(id).orElseThrow(() -> new ApiError(404, "invalid_request_error", "not_found", "id",
                "File '" + id + "' not found"));
    }

    private static void answer(HttpServerRequest request, ApiError error) {
        request.response().putHeader("Content-Type", "application/json").setStatusCode(error.status)
                .end(error.body());
    }
}
