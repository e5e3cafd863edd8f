package io.cameltogether.audio;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code together-audio:} component: its options are defaults for every endpoint it creates. */
@Component("together-audio")
public class TogetherAudioComponent extends DefaultComponent {

    @Metadata
    private TogetherAudioConfiguration configuration = new TogetherAudioConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        TogetherAudioOperation operation = getCamelContext().getTypeConverter()
                .tryConvertTo(TogetherAudioOperation.class, remaining);
        if (operation == null) {
            throw new IllegalArgumentException("unknown operation '" + remaining + "' in " + uri
                    + ": use together-audio:transcribe, together-audio:translate or together-audio:realtime");
        }
        if (operation == TogetherAudioOperation.realtime) {
            throw new UnsupportedOperationException("together-audio:realtime is not available in this version: live "
                    + "WebSocket transcription is still being built. Use together-audio:transcribe or "
                    + "together-audio:translate");
        }
        TogetherAudioEndpoint endpoint = new TogetherAudioEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        endpoint.validateOptions();
        return endpoint;
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
