package io.cameltogether.audio.client.jobs;

import java.nio.file.Path;

/**
 * A batch job's input file, written and checked, on disk until it is uploaded.
 *
 * @param file  the JSONL file, deleted by whoever uploads it
 * @param lines one per recording
 * @param bytes the file's size
 */
public record JobInput(Path file, int lines, long bytes) {
}
