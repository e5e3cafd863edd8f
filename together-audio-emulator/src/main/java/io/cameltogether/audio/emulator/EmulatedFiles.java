package io.cameltogether.audio.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Files API's store: uploads and result files, on disk in a directory of the emulator's own. */
final class EmulatedFiles {

    /** A stored file, as GET /v1/files/{id} describes it. */
    record StoredFile(String id, String filename, String purpose, Path path, Instant created) {

        ObjectNode toJson() {
            long bytes;
            try {
                bytes = Files.size(path);
            } catch (IOException e) {
                bytes = 0;
            }
            ObjectNode file = Json.MAPPER.createObjectNode().put("id", id).put("object", "file")
                    .put("created_at", created.getEpochSecond()).put("filename", filename).put("bytes", bytes)
                    .put("purpose", purpose).put("FileType", "jsonl").put("processing_status", "COMPLETED");
            return file;
        }
    }

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private Path directory;

    /** A new path to write a file to before it is {@link #add added}. */
    synchronized Path newPath() {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("together-emulator-files-");
            }
            return directory.resolve(UUID.randomUUID() + ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StoredFile add(String filename, String purpose, Path written) {
        StoredFile file = new StoredFile("file-" + UUID.randomUUID(), filename, purpose, written, Instant.now());
        files.put(file.id(), file);
        return file;
    }

    Optional<StoredFile> get(String id) {
        return Optional.ofNullable(files.get(id));
    }

    /** Forgets every file and deletes them from disk. */
    synchronized void clear() {
        files.clear();
        if (directory == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        directory = null;
    }
}
