package io.edukit.vmservice.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ServiceProcessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTimerAnsweredInSecondsIsTurnedIntoMilliseconds() {
        assertThat(ServiceProcess.totalMillis(gcPause("seconds", 1.172)).getAsDouble()).isCloseTo(1172.0, within(1e-9));
    }

    @Test
    void aTimerAnsweredInMillisecondsIsTakenAsItIs() {
        assertThat(ServiceProcess.totalMillis(gcPause("milliseconds", 640.0)).getAsDouble()).isEqualTo(640.0);
    }

    @Test
    void aTimerInAnUnknownUnitHasNoTotal() {
        assertThat(ServiceProcess.totalMillis(gcPause("minutes", 2.0))).isEmpty();
    }

    private static JsonNode gcPause(String baseUnit, double totalTime) {
        return JSON.readTree("""
                {"name":"jvm.gc.pause","baseUnit":"%s","measurements":[
                  {"statistic":"COUNT","value":212.0},{"statistic":"TOTAL_TIME","value":%s},{"statistic":"MAX","value":0.02}]}"""
                .formatted(baseUnit, totalTime));
    }
}
