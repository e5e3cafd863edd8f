package io.cameltogether.examples.kafkascaleout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cameltogether.audio.emulator.ApiTarget;
import io.cameltogether.examples.kafkascaleout.KafkaCluster.CallTranscript;
import io.cameltogether.examples.kafkascaleout.KafkaCluster.Result;

/**
 * The example in one command: a Kafka broker (embedded unless {@code -Dkafka.bootstrap} names one), three
 * transcription instances in JVMs of their own. First a topic of recordings: one instance is killed mid-stream and
 * the others take its partitions over; prints what each recording became and by whom, every recording once. Then
 * live calls: another instance is killed mid-call and the last one carries its calls on; prints every call's
 * sentences, each once.
 *
 * <p>System properties: {@code kafka.bootstrap}, {@code instances} (3), {@code recordings} (30), {@code calls} (4),
 * {@code samples} (a folder of audio files, by default the transcribe-folder example's).
 */
public final class ScaleOutDemo {

    private static final int PARTITIONS = 6;
    private static final int SESSION_TIMEOUT_MS = 3000;
    private static final int SENTENCES = 8;
    /** Calls are streamed twice as fast as spoken, to keep the demo short. */
    private static final double CALL_SPEED = 2;

    private ScaleOutDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("example.home", "."));
        Path samples = Path.of(System.getProperty("samples", home.resolve("../transcribe-folder/samples").toString()));
        int instances = Integer.getInteger("instances", 3);
        int recordings = Integer.getInteger("recordings", 30);
        int calls = Integer.getInteger("calls", 4);
        String given = System.getProperty("kafka.bootstrap");

        try (EmbeddedKafka embedded = given == null || given.isBlank() ? startBroker() : null;
             ApiTarget api = ApiTarget.fromEnvironment()) {
            String bootstrap = embedded != null ? embedded.bootstrapServers() : given;
            if (api.emulator() != null) {
                // about as long per recording as the real API takes, so that the kill lands mid-stream
                api.emulator().withProcessingSecondsPerAudioHour(120);
            }
            Map<String, String> environment = api.emulator() == null ? Map.of()
                    : Map.of(ApiTarget.BASE_URL_VARIABLE, api.baseUrl());
            try (KafkaCluster cluster = new KafkaCluster(bootstrap)) {
                cluster.createTopics(PARTITIONS);
                List<InstanceProcess> running = new ArrayList<>();
                try {
                    for (int i = 1; i <= instances; i++) {
                        running.add(InstanceProcess.start("instance-" + i, bootstrap, 2, SESSION_TIMEOUT_MS,
                                environment, System.out, line -> line.contains("RecordingRoutes")
                                        || line.contains("recording ") || line.contains("Exception")
                                        || line.contains("will not be covered")));
                    }
                    System.out.println("Waiting for " + instances + " instances to join group "
                            + RecordingRoutes.GROUP + " ...");
                    while (cluster.assignments(RecordingRoutes.GROUP).values().stream()
                            .filter(p -> !p.isEmpty()).count() < instances) {
                        running.forEach(InstanceProcess::checkRunning);
                        Thread.sleep(200);
                    }
                    System.out.println("Partitions: " + cluster.assignments(RecordingRoutes.GROUP));
                    publish(cluster, samples, recordings);
                    killOneMidStream(cluster, running.get(0), recordings);
                    while (!cluster.committedToTheEnd(RecordingRoutes.GROUP, RecordingRoutes.RECORDINGS)) {
                        Thread.sleep(200);
                    }
                    report(cluster, recordings);
                    if (instances > 2) {
                        liveCalls(cluster, LiveCalls.of(samples.resolve("voicemail-anna.wav")),
                                running.subList(1, running.size()), calls);
                    }
                } finally {
                    for (InstanceProcess instance : running) {
                        instance.close();
                    }
                }
            }
        }
    }

    private static EmbeddedKafka startBroker() throws Exception {
        System.out.println("No -Dkafka.bootstrap given: starting an embedded single-node Kafka broker (KRaft) ...");
        EmbeddedKafka kafka = EmbeddedKafka.start();
        System.out.println("Kafka broker at " + kafka.bootstrapServers());
        return kafka;
    }

    private static void publish(KafkaCluster cluster, Path samples, int recordings) throws Exception {
        List<Path> audio;
        try (Stream<Path> files = Files.list(samples)) {
            audio = files.filter(Files::isRegularFile).sorted().toList();
        }
        for (int i = 1; i <= recordings; i++) {
            Path recording = audio.get(i % audio.size()).toAbsolutePath().normalize();
            cluster.publish(RecordingRoutes.RECORDINGS, "call-%03d".formatted(i), recording.toString());
        }
        System.out.println("Published " + recordings + " recordings to topic " + RecordingRoutes.RECORDINGS);
    }

    /** Kills the instance once a third of the recordings are transcribed: it is then in the middle of others. */
    private static void killOneMidStream(KafkaCluster cluster, InstanceProcess victim, int recordings)
            throws Exception {
        while (cluster.readAll(RecordingRoutes.TRANSCRIPTS).size() < recordings / 3) {
            Thread.sleep(100);
        }
        Set<Integer> orphaned = cluster.assignments(RecordingRoutes.GROUP).get(victim.name());
        victim.kill();
        long killedAt = System.currentTimeMillis();
        System.out.println(">>> killed " + victim.name() + " (SIGKILL); it held partitions " + orphaned);
        Result first = cluster.awaitTakeover(orphaned, killedAt);
        System.out.printf(">>> %s took over partition %d: first transcript %.1f s after the kill%n",
                first.transcribedBy(), first.sourcePartition(), (first.timestamp() - killedAt) / 1000.0);
    }

    private static void report(KafkaCluster cluster, int recordings) throws Exception {
        List<Result> transcripts = cluster.readAll(RecordingRoutes.TRANSCRIPTS);
        List<Result> failed = cluster.readAll(RecordingRoutes.FAILED);
        Map<String, Long> perRecording = KafkaCluster.countById(transcripts);
        Map<String, Long> perInstance = transcripts.stream()
                .collect(Collectors.groupingBy(Result::transcribedBy, TreeMap::new, Collectors.counting()));
        long twice = perRecording.values().stream().filter(n -> n > 1).count();
        System.out.println();
        System.out.printf("%d recordings: %d transcribed, %d failed, %d missing, %d transcribed more than once%n",
                recordings, perRecording.size(), failed.size(), recordings - perRecording.size() - failed.size(),
                twice);
        System.out.println("Transcripts per instance: " + perInstance);
        transcripts.stream().limit(3).forEach(t -> System.out.println("  " + t.recordingId() + ": " + t.value()));
    }

    /**
     * Streams calls to the running instances, kills the one that holds the first call once it has published a
     * sentence, and counts each call's sentences.
     */
    private static void liveCalls(KafkaCluster cluster, LiveCalls liveCalls, List<InstanceProcess> running,
                                  int calls) throws Exception {
        Map<String, byte[]> audio = new LinkedHashMap<>();
        for (int i = 1; i <= calls; i++) {
            audio.put("live-%02d".formatted(i), liveCalls.call(SENTENCES, 0));
        }
        System.out.println();
        System.out.println("Live calls: streaming " + calls + " calls of " + SENTENCES + " sentences to topic "
                + LiveCallRoutes.CALL_AUDIO + " at " + CALL_SPEED + "x the pace they are spoken ...");
        CompletableFuture<Void> streamed = CompletableFuture.runAsync(() -> {
            try {
                LiveCalls.stream(cluster, audio, CALL_SPEED);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int firstCallsPartition = partitionOf(cluster, audio.keySet().iterator().next());
        InstanceProcess victim = running.stream().filter(instance -> assignmentsOf(cluster, instance)
                .contains(firstCallsPartition)).findFirst().orElseThrow();
        while (cluster.readCallTranscripts().stream().noneMatch(t -> t.transcribedBy().equals(victim.name()))) {
            running.forEach(InstanceProcess::checkRunning);
            Thread.sleep(100);
        }
        Set<Integer> orphaned = assignmentsOf(cluster, victim);
        victim.kill();
        long killedAt = System.currentTimeMillis();
        System.out.println(">>> killed " + victim.name() + " mid-call (SIGKILL); it held call partitions " + orphaned);
        streamed.join();
        while (!cluster.committedToTheEnd(LiveCallRoutes.GROUP, LiveCallRoutes.CALL_AUDIO)) {
            Thread.sleep(200);
        }
        List<CallTranscript> transcripts = cluster.readCallTranscripts();
        transcripts.stream().filter(t -> t.timestamp() > killedAt && audio.keySet().stream().anyMatch(
                id -> t.callId().equals(id) && orphaned.contains(partitionOf(cluster, id)))).findFirst()
                .ifPresent(first -> System.out.printf(">>> %s took over %s: first sentence %.1f s after the kill%n",
                        first.transcribedBy(), first.callId(), (first.timestamp() - killedAt) / 1000.0));
        System.out.println();
        for (String callId : audio.keySet()) {
            Map<Integer, Long> perSentence = transcripts.stream().filter(t -> t.callId().equals(callId))
                    .collect(Collectors.groupingBy(t -> LiveCalls.sentenceAt(t.startMs(), 0), TreeMap::new,
                            Collectors.counting()));
            long missing = SENTENCES - perSentence.keySet().stream().filter(n -> n >= 0 && n < SENTENCES).count();
            long twice = perSentence.values().stream().filter(n -> n > 1).count();
            System.out.printf("%s: %d sentences: %d published, %d missing, %d published more than once (by %s)%n",
                    callId, SENTENCES, perSentence.size(), missing, twice, transcripts.stream()
                            .filter(t -> t.callId().equals(callId)).map(CallTranscript::transcribedBy)
                            .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    private static Set<Integer> assignmentsOf(KafkaCluster cluster, InstanceProcess instance) {
        try {
            return cluster.assignments(LiveCallRoutes.GROUP).getOrDefault(instance.name(), Set.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int partitionOf(KafkaCluster cluster, String callId) {
        try {
            return cluster.partitionOf(LiveCallRoutes.CALL_AUDIO, callId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
