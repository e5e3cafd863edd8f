package io.cameltogether.audio.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;

import io.cameltogether.audio.TogetherAudioComponent;
import io.cameltogether.audio.TogetherAudioConfiguration;

import static org.junit.jupiter.api.Assertions.assertEquals;

@CamelSpringBootTest
@SpringBootTest(classes = DisabledStarterTest.App.class, properties = {
        "camel.component.together-audio.enabled=false",
        "camel.component.together-audio.model=nvidia/parakeet-tdt-0.6b-v3" })
class DisabledStarterTest {

    @SpringBootApplication
    static class App {
    }

    @Autowired
    CamelContext camelContext;

    @Test
    void enabledFalseLeavesTheComponentAsItIs() {
        TogetherAudioComponent component = camelContext.getComponent("together-audio", TogetherAudioComponent.class);

        assertEquals(TogetherAudioConfiguration.DEFAULT_MODEL, component.getConfiguration().getModel());
    }
}
