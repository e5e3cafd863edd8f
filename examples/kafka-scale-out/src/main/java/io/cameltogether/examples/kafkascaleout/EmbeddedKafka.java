package io.cameltogether.examples.kafkascaleout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one), run in this JVM from Kafka's
 * own artifacts: the example's broker when none is given, and the tests'. Settings are a development broker's:
 * one replica of everything, no initial rebalance delay, short group session timeouts allowed.
 */
public final class EmbeddedKafka implements AutoCloseable {

    static {
        // Kafka ends the process on a fatal fault; in a shared JVM that must be an error, not System.exit
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("embedded Kafka broker failed (exit " + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("embedded Kafka broker failed (halt " + code + "): " + message);
        });
    }

    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.brokerPort = freePort();
        this.controllerPort = freePort();
    }

    /** Formats a fresh data directory and starts the broker; start-up returns once it takes connections. */
    public static EmbeddedKafka start() throws Exception {
        EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory("embedded-kafka"));
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(kafka.dataDir.toString()))
                .setMetadataLogDirectory(kafka.dataDir.toString())
                .setControllerListenerName(CONTROLLER)
                .run();
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(kafka.config(), false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown(); // a failed start leaves the controller running
            server.awaitShutdown();
            Utils.delete(kafka.dataDir.toFile());
            throw e;
        }
        kafka.server = server;
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    private Map<String, Object> config() {
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:"
                        + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                // one broker: the internal topics cannot have the default three replicas
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // lets consumers ask for a short session, so that a dead instance's partitions move in seconds
                Map.entry("group.min.session.timeout.ms", "1000"),
                // the log cleaner's 128 MB default buffer is allocated at start-up
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024)),
                Map.entry("server.max.startup.time.ms", "120000"));
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        Utils.delete(dataDir.toFile());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
