package io.cameltogether.examples.batchjobs;

import java.net.URI;
import java.util.UUID;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;

/**
 * A real S3 API on loopback, for running the example without a bucket: S3Proxy over an in-memory blob store. It
 * checks request signatures, presigned URLs included, as S3 does. Its address is an IP, so that the URLs Camel
 * presigns are path-style (a host name would become bucket.host).
 */
final class EmbeddedS3 implements AutoCloseable {

    static final String REGION = "us-east-1";

    private final BlobStoreContext store;
    private final S3Proxy proxy;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3(BlobStoreContext store, S3Proxy proxy, String accessKey, String secretKey) {
        this.store = store;
        this.proxy = proxy;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    static EmbeddedS3 start() throws Exception {
        String accessKey = "demo";
        String secretKey = UUID.randomUUID().toString();
        // the metadata object, not the "transient" id: looking the id up would load every provider S3Proxy knows
        BlobStoreContext store = ContextBuilder.newBuilder(new TransientApiMetadata()).credentials("unused", "unused")
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(store.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start(); // Jetty's start: returns once the connector listens, or throws
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("the embedded S3Proxy did not start: " + proxy.getState());
        }
        return new EmbeddedS3(store, proxy, accessKey, secretKey);
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        store.close();
    }
}
