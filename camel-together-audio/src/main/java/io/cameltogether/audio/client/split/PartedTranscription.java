package io.cameltogether.audio.client.split;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.request.ResponseFormat;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.split.TranscriptStitcher.PartTranscript;

/**
 * One request carried out as requests for its recording's parts, sent side by side, and answered as one: the
 * stitched transcript, or the failure of the first part that failed for good, naming its time range. The answer
 * waits for every part to end, so a failed request leaves nothing running on its audio.
 */
public final class PartedTranscription {

    /** Writes what the API would have sent: no null fields, no lists it would have left out (words, speakers). */
    private static final ObjectMapper RESULT_JSON = resultMapper();

    private PartedTranscription() {
    }

    private static ObjectMapper resultMapper() {
        ObjectMapper mapper = Json.MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.configOverride(List.class).setInclude(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, null));
        return mapper;
    }

    /**
     * @param send sends one part's request as any request is sent (retries, concurrency limit and back-pressure
     *             included); it may throw at once, when the client is stopping
     */
    public static CompletableFuture<BatchResponse> send(BatchRequest request, List<AudioPart> parts,
                                                        Function<BatchRequest, CompletableFuture<BatchResponse>> send) {
        // every part is asked for timestamps, whatever the caller wants: they place its words on the whole's clock
        BatchOptions partOptions = request.options().withResponseFormat(ResponseFormat.VERBOSE_JSON);
        List<CompletableFuture<BatchResponse>> answers = new ArrayList<>(parts.size());
        AtomicBoolean aPartFailed = new AtomicBoolean();
        for (AudioPart part : parts) {
            if (aPartFailed.get()) {
                break; // the whole will fail: parts not yet sent are not sent, nor paid for
            }
            try {
                answers.add(send.apply(new BatchRequest(request.task(), part.audio(), partOptions))
                        .whenComplete((answer, failure) -> {
                            if (failure != null) {
                                aPartFailed.set(true);
                            }
                        }));
            } catch (RuntimeException e) {
                answers.add(CompletableFuture.failedFuture(e)); // stopping: send no further parts
                break;
            }
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .handle((allEnded, anyFailure) -> answer(request, parts, answers));
    }

    private static BatchResponse answer(BatchRequest request, List<AudioPart> parts,
                                        List<CompletableFuture<BatchResponse>> answers) {
        List<PartTranscript> transcripts = new ArrayList<>(parts.size());
        for (int i = 0; i < answers.size(); i++) {
            try {
                transcripts.add(new PartTranscript(parts.get(i), answers.get(i).join().result()));
            } catch (CompletionException e) {
                throw failedPart(request, parts.get(i), e.getCause());
            }
        }
        AudioPart last = parts.get(parts.size() - 1);
        TranscriptionResult whole = TranscriptStitcher.stitch(transcripts, last.endSeconds());
        String requestIds = answers.stream().map(a -> a.join().requestId()).filter(Objects::nonNull)
                .collect(Collectors.joining(","));
        // the limits of one answer stand for all: the last part's
        return new BatchResponse(json(whole, request.options().responseFormat()), whole,
                requestIds.isEmpty() ? null : requestIds, answers.get(answers.size() - 1).join().rateLimits());
    }

    /** The part's failure, naming the part: an API error keeps its type, status and code; others are wrapped. */
    private static RuntimeException failedPart(BatchRequest request, AudioPart part, Throwable cause) {
        String where = "in " + part.describe() + " of '" + request.audio().describe() + "', sent in "
                + part.count() + " parts; the transcripts of the other parts are discarded";
        if (cause instanceof TogetherAudioApiException api) {
            return api.withHint("This happened " + where);
        }
        return new TogetherAudioException(cause.getMessage() + " (" + where + ")", cause);
    }

    /** The JSON the API would have answered for the whole recording in the format the caller asked for. */
    static String json(TranscriptionResult whole, ResponseFormat format) {
        try {
            return format == ResponseFormat.JSON
                    ? Json.MAPPER.createObjectNode().put("text", whole.text()).toString()
                    : RESULT_JSON.writeValueAsString(whole);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transcript could not be written as JSON", e);
        }
    }
}
