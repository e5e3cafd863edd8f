package io.cameltogether.audio;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code together-audio:} component: its options are defaults for every endpoint it creates. */
@Component("together-audio")
public class TogetherAudioComponent extends DefaultComponent {

    @Metadata
    private TogetherAudioConfiguration configuration = new TogetherAudioConfiguration();
    @Metadata(label = "advanced", autowired = true)
    private Vertx vertx;
    private boolean ownsVertx;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TogetherAudioOperation operation = getCamelContext().getTypeConverter()
                .tryConvertTo(TogetherAudioOperation.class, remaining);
        if (operation == null) {
            throw new IllegalArgumentException("unknown operation '" + remaining + "' in " + uri
                    + ": use together-audio:transcribe, together-audio:translate or together-audio:realtime");
        }
        TogetherAudioEndpoint endpoint = new TogetherAudioEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        endpoint.validateOptions();
        return endpoint;
    }

    /** The Vert.x instance realtime sessions run on: the one given, or one of the component's own, made on first use. */
    public synchronized Vertx getOrCreateVertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
            ownsVertx = true;
        }
        return vertx;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (ownsVertx && vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx = null;
            ownsVertx = false;
        }
        super.doStop();
    }

    public Vertx getVertx() {
        return vertx;
    }

    /**
     * The Vert.x instance for realtime WebSocket sessions, e.g. the application's own. If none is set or found in
     * the registry, the component makes one when the first realtime endpoint starts, and closes it when it stops.
     */
    public void setVertx(Vertx vertx) {
        this.vertx = vertx;
    }

    public TogetherAudioConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * Default options for all endpoints of this component.
     */
    public void setConfiguration(TogetherAudioConfiguration configuration) {
        this.configuration = configuration;
    }
}
