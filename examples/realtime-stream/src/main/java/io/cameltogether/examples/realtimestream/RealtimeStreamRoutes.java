package io.cameltogether.examples.realtimestream;

import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;

import io.cameltogether.audio.TogetherAudioConstants;

/**
 * Live transcription: {@code direct:call} streams a recording into a realtime session at the pace it plays, as a
 * telephony gateway would, and answers with the final transcript; meanwhile the consumer route prints each partial
 * transcript as it grows and each final one per speech turn.
 */
public class RealtimeStreamRoutes extends RouteBuilder {

    static final String REALTIME = "together-audio:realtime?includeDeltas=true&pace=realtime";

    private final String sink;

    /** @param sink where transcript lines go, e.g. "stream:out" or a mock endpoint in tests */
    public RealtimeStreamRoutes(String sink) {
        this.sink = sink;
    }

    @Override
    public void configure() {
        from("direct:call").routeId("stream-call")
                .setExchangePattern(ExchangePattern.InOut)
                .to(REALTIME);

        from(REALTIME).routeId("print-transcripts")
                .choice()
                    .when(header(TogetherAudioConstants.FINAL).isEqualTo(true))
                        .setBody(simple("[${header.CamelTogetherAudioSessionId} ${header.CamelTogetherAudioStart}s] "
                                + "FINAL   ${body}"))
                    .otherwise()
                        .setBody(simple("[${header.CamelTogetherAudioSessionId}] partial ${body}"))
                .end()
                .to(sink);
    }
}
