package io.cameltogether.examples.phonestream;

import org.apache.camel.builder.RouteBuilder;

/**
 * Live transcription of phone calls: a voice platform connects to {@code ws://host:port/media} and streams each
 * call as JSON events with base64 mu-law audio; each call's audio goes into a realtime session of its own, keyed by
 * the stream's id, expanded from G.711 to PCM on the way; each final transcript comes out with its call's id.
 */
public class PhoneStreamRoutes extends RouteBuilder {

    /** Phone audio is 8 kHz: the session takes it at 8 kHz, expanded from mu-law, as fast as it arrives. */
    static final String REALTIME = "together-audio:realtime?rawAudioEncoding=g711_ulaw_8000"
            + "&inputAudioFormat=pcm_s16le_8000&pace=fast";

    private final int port;
    private final String sink;

    /**
     * @param port the WebSocket port the platform connects to
     * @param sink where transcript lines go, e.g. "log:calls" or a mock endpoint in tests
     */
    public PhoneStreamRoutes(int port, String sink) {
        this.port = port;
        this.sink = sink;
    }

    @Override
    public void configure() {
        from("vertx-websocket:0.0.0.0:" + port + "/media").routeId("media-stream")
                .process(MediaStreamEvents::toRealtime)
                .filter(header(MediaStreamEvents.EVENT).in("media", "stop"))
                .to(REALTIME);

        from(REALTIME).routeId("call-transcripts")
                .setBody(simple("[call ${header.CamelTogetherAudioSessionId} at ${header.CamelTogetherAudioStart}s] "
                        + "${body}"))
                .to(sink);
    }
}
