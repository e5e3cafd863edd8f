package io.cameltogether.audio.health;

import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;

import io.cameltogether.audio.EmulatorTestSupport;
import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.emulator.Fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check tells an operator whether the API can be reached and takes the key, and costs little. */
class ApiHealthCheckTest extends EmulatorTestSupport {

    private static final String WRONG_KEY = "wrong-key-do-not-print";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("audio-wrong-key", component(EMULATOR.baseUrl(), WRONG_KEY));
        context.addComponent("audio-unreachable", component("http://127.0.0.1:" + closedPort() + "/v1", EMULATOR.apiKey()));
        TogetherAudioComponent switchedOff = component(EMULATOR.baseUrl(), EMULATOR.apiKey());
        switchedOff.setHealthCheckProducerEnabled(false);
        context.addComponent("audio-no-check", switchedOff);
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        HealthCheckHelper.getHealthCheckRepository(context, "consumers"); // as Camel Main and Spring Boot load it
        return context;
    }

    private static TogetherAudioComponent component(String baseUrl, String apiKey) {
        TogetherAudioComponent component = new TogetherAudioComponent();
        component.getConfiguration().setBaseUrl(baseUrl);
        component.getConfiguration().setApiKey(apiKey);
        return component;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").routeId("good").to("together-audio:transcribe");
                from("direct:good-translate").to("together-audio:translate");
                from("direct:wrong-key").to("audio-wrong-key:translate");
                from("direct:unreachable").to("audio-unreachable:realtime");
                from("direct:no-check").to("audio-no-check:transcribe");
                from("audio-wrong-key:realtime").routeId("transcripts-with-wrong-key").to("mock:transcripts");
            }
        };
    }

    private HealthCheck.Result checkOf(String endpointUri) {
        String id = context.getEndpoint(endpointUri, TogetherAudioEndpoint.class).getId();
        return HealthCheckHelper.getHealthCheckRepository(context, "producers").stream()
                .filter(c -> c.getId().endsWith("-" + id)).findFirst()
                .orElseThrow(() -> new AssertionError("no health check for " + endpointUri)).callReadiness();
    }

    @Test
    void upWhenTheApiAnswersAndTakesTheKey() {
        HealthCheck.Result result = checkOf("together-audio:transcribe");

        assertEquals(HealthCheck.State.UP, result.getState());
        assertEquals(200, result.getDetails().get(HealthCheck.HTTP_RESPONSE_CODE));
        assertEquals(EMULATOR.baseUrl() + "/models", result.getDetails().get("url"));
        assertFalse(result.getCheck().isLiveness(), "a remote outage must not get the application restarted");
    }

    @Test
    void downWithTheReasonWhenTheKeyIsRefused() {
        HealthCheck.Result result = checkOf("audio-wrong-key:translate");

        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertEquals(401, result.getDetails().get(HealthCheck.HTTP_RESPONSE_CODE));
        assertEquals("invalid_api_key", result.getDetails().get(AbstractHealthCheck.SERVICE_ERROR_CODE));
        assertTrue(result.getMessage().orElseThrow().contains("refused the API key"), result.getMessage().get());
        assertFalse(String.valueOf(result.getDetails()).contains(WRONG_KEY));
        assertFalse(result.getMessage().get().contains(WRONG_KEY));
        assertFalse(String.valueOf(result.getError().orElseThrow().getMessage()).contains(WRONG_KEY));
    }

    @Test
    void downWhenTheApiCannotBeReached() {
        HealthCheck.Result result = checkOf("audio-unreachable:realtime");

        assertEquals(HealthCheck.State.DOWN, result.getState());
        assertEquals("UNREACHABLE", result.getDetails().get("state"));
        assertTrue(result.getMessage().orElseThrow().startsWith("cannot reach the Together API"));
    }

    @Test
    void serverErrorsAreDownAndRateLimitsAreUp() throws Exception {
        EMULATOR.enqueue(Fault.status(503));
        assertEquals(HealthCheck.State.DOWN, checkOf("together-audio:transcribe").getState());

        EMULATOR.enqueue(Fault.status(429));
        HealthCheck.Result limited = checkOf("together-audio:translate");
        assertEquals(HealthCheck.State.UP, limited.getState());
        assertEquals(429, limited.getDetails().get(HealthCheck.HTTP_RESPONSE_CODE));
    }

    @Test
    void pollsArrivingTogetherCostOneCallToTheApi() {
        for (int i = 0; i < 5; i++) {
            HealthCheckHelper.invokeReadiness(context);
            HealthCheckHelper.invoke(context);
        }

        // one call per endpoint with an enabled check that reaches the emulator: the two good ones, and the wrong
        // key's translate producer and realtime consumer
        assertEquals(4, EMULATOR.modelsRequests());
    }

    @Test
    void theComponentCanSwitchItsChecksOff() {
        String id = context.getEndpoint("audio-no-check:transcribe", TogetherAudioEndpoint.class).getId();
        HealthCheck check = HealthCheckHelper.getHealthCheckRepository(context, "producers").stream()
                .filter(c -> c.getId().endsWith("-" + id)).findFirst().orElseThrow();

        assertFalse(check.isEnabled());
        assertTrue(HealthCheckHelper.invokeReadiness(context).stream()
                .noneMatch(r -> r.getCheck().getId().endsWith("-" + id)));
    }

    @Test
    void aRealtimeConsumerRouteIsDownWhileTheKeyIsRefused() {
        HealthCheck.Result route = HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:transcripts-with-wrong-key")).findFirst()
                .orElseThrow(() -> new AssertionError(HealthCheckHelper.invokeReadiness(context).stream()
                        .map(r -> r.getCheck().getId()).toList().toString()));

        assertEquals(HealthCheck.State.DOWN, route.getState());
        assertTrue(route.getMessage().orElseThrow().contains("refused the API key"), route.getMessage().get());
    }

    @Test
    void aStoppedEndpointTakesItsCheckAway() throws Exception {
        String id = context.getEndpoint("together-audio:transcribe", TogetherAudioEndpoint.class).getId();
        context.getRouteController().stopRoute("good");
        context.removeRoute("good");
        context.removeEndpoints("together-audio:transcribe");

        assertTrue(HealthCheckHelper.getHealthCheckRepository(context, "producers").stream()
                .noneMatch(c -> c.getId().endsWith("-" + id)));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
