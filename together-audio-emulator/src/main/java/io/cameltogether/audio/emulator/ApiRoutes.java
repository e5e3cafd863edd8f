package io.cameltogether.audio.emulator;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;

/** Which handler serves which path of the emulated API. */
final class ApiRoutes {

    private ApiRoutes() {
    }

    static Handler<HttpServerRequest> of(TogetherAudioEmulator emulator, HttpClient fetcher, EmulatedBatchJobs batchJobs) {
        BatchHandler batch = new BatchHandler(emulator, fetcher);
        RealtimeHandler realtime = new RealtimeHandler(emulator);
        ModelsHandler models = new ModelsHandler(emulator);
        FilesHandler files = new FilesHandler(emulator, batchJobs);
        BatchJobsHandler jobs = new BatchJobsHandler(emulator, batchJobs);
        return request -> {
            String path = request.path();
            if (path.equals(RealtimeHandler.PATH)) {
                realtime.handle(request);
            } else if (path.equals(ModelsHandler.PATH)) {
                models.handle(request);
            } else if (under(path, FilesHandler.PREFIX)) {
                files.handle(request);
            } else if (under(path, BatchJobsHandler.PREFIX)) {
                jobs.handle(request);
            } else {
                batch.handle(request);
            }
        };
    }

    /** The path's segments after the prefix: none for the prefix itself, ["abc", "cancel"] for prefix/abc/cancel. */
    static String[] segments(String path, String prefix) {
        String rest = path.substring(prefix.length());
        return rest.length() <= 1 ? new String[0] : rest.substring(1).split("/", -1);
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
