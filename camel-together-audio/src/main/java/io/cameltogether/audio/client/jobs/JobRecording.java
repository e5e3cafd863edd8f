package io.cameltogether.audio.client.jobs;

import io.cameltogether.audio.client.request.BatchOptions;

/**
 * One recording of a batch job: the id its results come back under ({@code custom_id}), the URL Together fetches
 * it from, and the endpoint's fields for it.
 *
 * @param describedAs how to name the item in a refusal, e.g. "item 3"
 */
public record JobRecording(String id, String url, BatchOptions options, String describedAs) {
}
