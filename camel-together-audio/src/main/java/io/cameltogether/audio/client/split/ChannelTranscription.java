package io.cameltogether.audio.client.split;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.request.AudioFormat;
import io.cameltogether.audio.client.request.AudioSource;
import io.cameltogether.audio.client.request.BatchOptions;
import io.cameltogether.audio.client.request.BatchRequest;
import io.cameltogether.audio.client.request.ChannelLayout;
import io.cameltogether.audio.client.request.ResponseFormat;
import io.cameltogether.audio.client.request.TimestampGranularity;
import io.cameltogether.audio.client.result.BatchResponse;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.client.split.ChannelMerger.ChannelTranscript;

/**
 * One request for a multi-channel WAV carried out channel by channel ({@code channels=separate}): each channel that
 * holds sound is sent as a mono WAV of its own (and split in its own pauses if long), the channels side by side
 * when the audio can be read so, and the answers merged into one transcript whose turns name their channel
 * ({@link ChannelMerger}). A channel that stays quieter than {@value #SILENT_DBFS} dBFS is not sent: there is
 * nothing to transcribe, and Whisper writes words on silence. The answer waits for every channel to end, and the
 * first failure fails the whole, naming its channel.
 */
public final class ChannelTranscription {

    /** Below this, a channel's loudest 50 ms is line noise at most: speech on a phone line peaks 20 dB above. */
    static final double SILENT_DBFS = -50;

    private ChannelTranscription() {
    }

    /**
     * @param send sends one channel's request as any request is sent (split, retried and paced); it may throw at
     *             once, when the client is stopping
     * @throws AudioValidationException before anything is sent, for audio that cannot be taken apart
     */
    public static CompletableFuture<BatchResponse> send(BatchRequest request, ChannelLayout layout,
                                                        Function<BatchRequest, CompletableFuture<BatchResponse>> send) {
        AudioSource audio = request.audio();
        checkSeparable(audio);
        if (request.options().isDiarize()) {
            throw new AudioValidationException("diarize and channels=separate do not go together: each channel's "
                    + "name labels its words; diarize a recording sent mixed (channels=mixed) instead");
        }
        WavChannels channels;
        try {
            channels = WavChannels.of(audio);
        } catch (IOException e) {
            throw unreadable(audio, e);
        }
        if (!layout.names().isEmpty() && layout.names().size() < channels.count()) {
            throw new AudioValidationException("channelNames names " + layout.names().size() + " channels ("
                    + String.join(",", layout.names()) + ") but '" + audio.fileName() + "' has " + channels.count()
                    + ": give a name to each");
        }
        if (channels.count() > ChannelLayout.MAX_CHANNELS) {
            throw new AudioValidationException("'" + audio.fileName() + "' has " + channels.count() + " channels; "
                    + "channels=separate transcribes at most " + ChannelLayout.MAX_CHANNELS + " apart");
        }
        WavChannels.Levels levels;
        try {
            levels = channels.levels();
        } catch (IOException e) {
            throw unreadable(audio, e);
        } catch (IllegalArgumentException e) { // an encoding the JDK cannot decode to measure
            throw new AudioValidationException("channels=separate cannot measure the channels of '"
                    + audio.fileName() + "' (" + e.getMessage() + "): send a WAV of integer or float PCM, mu-law or "
                    + "A-law");
        }
        for (int c = 1; c < channels.count(); c++) {
            if (levels.copiesFirst()[c]) {
                throw new AudioValidationException("channel " + (c + 1) + " of '" + audio.fileName() + "' carries "
                        + "the same audio as channel 1 (a recording saved with its sound on every channel): "
                        + "channels=separate would transcribe it twice; send it with channels=mixed");
            }
        }
        // every channel is asked for segment and word timestamps, whatever the caller wants: they put its turns in
        // order, and its words keep subtitle cues short
        BatchOptions channelOptions = request.options().withResponseFormat(ResponseFormat.VERBOSE_JSON)
                .withTimestampGranularities(EnumSet.allOf(TimestampGranularity.class));
        List<String> names = new ArrayList<>();
        List<CompletableFuture<BatchResponse>> answers = new ArrayList<>();
        CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
        AtomicBoolean aChannelFailed = new AtomicBoolean();
        for (int c = 0; c < channels.count() && !aChannelFailed.get(); c++) {
            if (levels.loudestDbfs()[c] < SILENT_DBFS) {
                continue;
            }
            BatchRequest channel = new BatchRequest(request.task(), channels.track(c, layout.name(c)), channelOptions);
            CompletableFuture<BatchResponse> answer;
            try {
                // audio whose openings share one stream (a stream cache) is read one channel after another
                answer = audio.opensIndependently() ? send.apply(channel)
                        : previous.thenCompose(v -> send.apply(channel));
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e); // stopping: send no further channels
            }
            names.add(layout.name(c));
            // the whole will fail: channels not yet sent are not sent, nor paid for
            answers.add(answer.whenComplete((v, failure) -> aChannelFailed.compareAndSet(false, failure != null)));
            previous = answer;
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .handle((allEnded, anyFailure) -> answer(request, channels, names, answers));
    }

    private static void checkSeparable(AudioSource audio) {
        if (audio.isUrl()) {
            throw new AudioValidationException("channels=separate needs the audio itself (a file, bytes or a "
                    + "stream), not a URL: the component takes the channels apart before sending");
        }
        if (audio.format() != AudioFormat.WAV) {
            String extension = audio.format().extension();
            throw new AudioValidationException(String.format(Locale.ROOT, "channels=separate reads WAV (PCM, float, "
                    + "G.711 mu-law or A-law); '%s' is %s. Convert it, e.g. ffmpeg -i in.%s -c:a pcm_s16le out.wav, "
                    + "or send it with its channels mixed (channels=mixed)", audio.fileName(),
                    extension.toUpperCase(Locale.ROOT), extension));
        }
        if (!audio.isRepeatable()) {
            throw new AudioValidationException("channels=separate reads '" + audio.fileName() + "' once per channel, "
                    + "but it is a stream that can be read only once: send a file or bytes, or enable stream caching");
        }
    }

    private static BatchResponse answer(BatchRequest request, WavChannels channels, List<String> names,
                                        List<CompletableFuture<BatchResponse>> answers) {
        List<ChannelTranscript> transcripts = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            try {
                transcripts.add(new ChannelTranscript(names.get(i), answers.get(i).join().result()));
            } catch (CompletionException e) {
                throw failedChannel(request, names.get(i), channels.count(), e.getCause());
            }
        }
        TranscriptionResult whole = ChannelMerger.merge(transcripts, request.task().taskName(), channels.seconds());
        String requestIds = answers.stream().map(a -> a.join().requestId()).filter(Objects::nonNull)
                .collect(Collectors.joining(","));
        return new BatchResponse(PartedTranscription.json(whole, request.options().responseFormat()), whole,
                requestIds.isEmpty() ? null : requestIds,
                answers.isEmpty() ? null : answers.get(answers.size() - 1).join().rateLimits());
    }

    private static UncheckedIOException unreadable(AudioSource audio, IOException e) {
        return new UncheckedIOException("cannot read the audio '" + audio.describe() + "' to separate its channels", e);
    }

    private static RuntimeException failedChannel(BatchRequest request, String name, int count, Throwable cause) {
        String where = "in channel '" + name + "' of the " + count + " of '" + request.audio().describe()
                + "'; the transcripts of the other channels are discarded";
        if (cause instanceof TogetherAudioApiException api) {
            return api.withHint("This happened " + where);
        }
        if (cause instanceof AudioValidationException invalid) {
            return new AudioValidationException(invalid.getMessage() + " (" + where + ")");
        }
        return new TogetherAudioException(cause.getMessage() + " (" + where + ")", cause);
    }
}
