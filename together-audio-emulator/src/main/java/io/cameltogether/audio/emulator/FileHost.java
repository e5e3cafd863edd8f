package io.cameltogether.audio.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;

/**
 * An https server on loopback that serves files at unguessable paths, so tests can send audio as an https URL.
 * Its certificate is self-signed for localhost/127.0.0.1 and public: it protects nothing.
 */
final class FileHost {

    static final String KEYSTORE = "emulator-tls.p12";
    static final String KEYSTORE_PASSWORD = "emulator-tls";

    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private HttpServer server;

    void start(Vertx vertx) {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                        .setKeyCertOptions(selfSigned()))
                .requestHandler(request -> {
                    Path file = files.get(request.path());
                    if (file == null) {
                        request.response().setStatusCode(404).end();
                    } else {
                        request.response().sendFile(file.toString());
                    }
                });
        TogetherAudioEmulator.await(server.listen());
    }

    String host(Path file) {
        String path = "/files/" + UUID.randomUUID() + "/" + file.getFileName();
        files.put(path, file.toAbsolutePath());
        return "https://127.0.0.1:" + server.actualPort() + path;
    }

    void stop() {
        if (server != null) {
            TogetherAudioEmulator.await(server.close());
            server = null;
        }
        files.clear();
    }

    /** A truststore (in memory) holding the certificate {@link #selfSigned()} serves. */
    static KeyStore trustStore() {
        try (InputStream in = FileHost.class.getResourceAsStream(KEYSTORE)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, KEYSTORE_PASSWORD.toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("together-audio-emulator", keys.getCertificate(keys.aliases().nextElement()));
            return trust;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the emulator's certificate", e);
        }
    }

    /** The self-signed key and certificate for localhost and 127.0.0.1. */
    static PfxOptions selfSigned() {
        return new PfxOptions().setValue(keystore()).setPassword(KEYSTORE_PASSWORD);
    }

    private static Buffer keystore() {
        try (InputStream in = FileHost.class.getResourceAsStream(KEYSTORE)) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
