package io.cameltogether.audio.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;


/**
 * The batch benchmark: the component against a raw Apache HttpClient 5 program, its async client and openai-java,
 * each in a JVM of its own, in alternating rounds against one emulator: many small files at a fixed concurrency,
 * a burst handed over at once, cold start, and one large upload under a small heap. Prints a table per part with
 * medians and ratios to the raw program. Run:
 * {@code mvn -pl benchmarks -am package exec:exec -DskipTests -Dbenchmark=BatchBenchmark}, with
 * -Drounds, -Drequests, -Dconcurrency, -Dburst, -DuploadMb, -Dclients to change the defaults; the many small files
 * are always measured, -Dparts lists which of burst, cold and upload follow (default all; "none" for none).
 */
public final class BatchBenchmark {

    private static final String BASELINE = "httpclient";

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 3);
        int requests = Integer.getInteger("requests", 1000);
        int concurrency = Integer.getInteger("concurrency", 64);
        int burst = Integer.getInteger("burst", 10_000);
        long uploadMb = Long.getLong("uploadMb", 1024);
        List<String> clients = List.of(System.getProperty("clients",
                "httpclient,component,component-synchronous,openai-java,httpclient-async").split(","));
        Path dir = Files.createTempDirectory("batch-benchmark");
        Path small = wav(dir.resolve("call-100k.wav"), 100 * 1024);
        Path tiny = wav(dir.resolve("voicemail-4k.wav"), 4 * 1024);
        List<String> parts = List.of(System.getProperty("parts", "burst,cold,upload").split(","));
        Path large = wav(dir.resolve("meeting-1g.wav"), parts.contains("upload") ? uploadMb * 1024 * 1024 : 44);
        try (EmulatorProcess emulator = EmulatorProcess.start("--max-upload-bytes=" + (uploadMb + 1) * 1048576,
                "--max-duration-seconds=100000000")) {
            String url = emulator.baseUrl();
            System.out.printf(Locale.ROOT, "Batch benchmark against %s: %d rounds; clients %s%n", url, rounds, clients);
            for (int warmUp = 0; warmUp < 3; warmUp++) { // the emulator's JIT settles over the first few runs
                child(List.of(BASELINE, "load", url, small.toString(), "" + requests, "" + concurrency));
            }
            Map<String, List<Map<String, String>>> load = run(clients, rounds,
                    c -> List.of(c, "load", url, small.toString(), "" + requests, "" + concurrency));
            String title = "%d x 100 KB at concurrency %d".formatted(requests, concurrency);
            report(title, "reqPerSec", load);
            report(title + ": CPU per request", "cpuMsPerReq", load);
            if (parts.contains("burst")) {
                report("burst of %d x 4 KB handed over at once".formatted(burst), "seconds", run(clients, rounds,
                        c -> List.of(c, "burst", url, tiny.toString(), "" + burst, "" + concurrency)));
            }
            if (parts.contains("cold")) {
                report("cold start: JVM start to exit, one 100 KB file", "wallSeconds",
                        run(clients, Math.max(rounds, 5), c -> List.of(c, "once", url, small.toString())));
            }
            if (parts.contains("upload")) {
                report("%d MB upload at -Xmx64m".formatted(uploadMb), "mbPerSec",
                        run(clients, rounds, c -> List.of("-Xmx64m", c, "upload", url, large.toString())));
            }
        } finally {
            for (Path p : List.of(small, tiny, large)) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
    }

    interface Arguments {
        List<String> of(String client);
    }

    /**
     * Runs every client once per round, in turn, each round starting one client further on so that no client
     * always runs first or after the same one; each client's results, one map per round.
     */
    private static Map<String, List<Map<String, String>>> run(List<String> clients, int rounds, Arguments arguments)
            throws IOException, InterruptedException {
        Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        clients.forEach(client -> results.put(client, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(clients);
            Collections.rotate(order, -(round - 1));
            for (String client : order) {
                Map<String, String> result = child(arguments.of(client));
                System.out.printf(Locale.ROOT, "  round %d %-17s %s%n", round, client, result);
                results.get(client).add(result);
            }
        }
        return results;
    }

    /** One client JVM; its RESULT line as a map, with the process's wall time, or its failure. */
    private static Map<String, String> child(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        List<String> rest = new ArrayList<>(arguments);
        while (rest.get(0).startsWith("-X")) {
            command.add(rest.remove(0));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BatchClient.class.getName()));
        command.addAll(rest);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        Map<String, String> result = new LinkedHashMap<>();
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
        if (exit != 0 || line == null) {
            String cause = output.lines().filter(l -> l.contains("Exception") || l.contains("Error")).findFirst()
                    .orElse("exit " + exit);
            result.put("error", cause.length() > 120 ? cause.substring(0, 120) : cause);
            return result;
        }
        for (String pair : line.substring(7).split(" ")) {
            String[] kv = pair.split("=", 2);
            result.put(kv[0], kv[1]);
        }
        result.put("wallSeconds", String.format(Locale.ROOT, "%.2f", wall));
        return result;
    }

    /** A table of each client's medians, with the ratio of its headline figure to the baseline's. */
    private static void report(String title, String headline, Map<String, List<Map<String, String>>> results) {
        System.out.println();
        System.out.println("### " + title);
        List<String> keys = new ArrayList<>();
        results.values().stream().flatMap(List::stream).flatMap(m -> m.keySet().stream())
                .filter(k -> !keys.contains(k) && !k.equals("error")).forEach(keys::add);
        System.out.println("| client | " + String.join(" | ", keys) + " | " + headline + " / " + BASELINE + " |");
        System.out.println("|---".repeat(keys.size() + 2) + "|");
        Double base = median(results.get(BASELINE), headline);
        results.forEach((client, rounds) -> {
            StringBuilder row = new StringBuilder("| " + client + " | ");
            for (String key : keys) {
                Double m = median(rounds, key);
                row.append(m == null ? "-" : String.format(Locale.ROOT, "%.2f", m)).append(" | ");
            }
            Double mine = median(rounds, headline);
            row.append(mine == null || base == null ? "-" : String.format(Locale.ROOT, "%.2f", mine / base));
            long failures = rounds.stream().filter(r -> r.containsKey("error")).count();
            if (failures > 0) {
                row.append(" (failed ").append(failures).append("x: ")
                        .append(rounds.stream().filter(r -> r.containsKey("error")).findFirst().get().get("error"))
                        .append(')');
            }
            System.out.println(row.append(" |"));
        });
        System.out.println();
    }

    private static Double median(List<Map<String, String>> rounds, String key) {
        if (rounds == null) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        rounds.stream().map(r -> r.get(key)).filter(v -> v != null).forEach(v -> values.add(Double.parseDouble(v)));
        if (values.isEmpty()) {
            return null;
        }
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** A 16 kHz mono 16-bit WAV of noise of about this many bytes, written to disk. */
    static Path wav(Path path, long bytes) throws IOException {
        long data = bytes - 44;
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt((int) (36 + data)).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt((int) data);
        byte[] block = new byte[1 << 20];
        new Random(bytes).nextBytes(block);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header.array());
            for (long written = 0; written < data; written += block.length) {
                file.write(block, 0, (int) Math.min(block.length, data - written));
            }
        }
        return path;
    }
}
