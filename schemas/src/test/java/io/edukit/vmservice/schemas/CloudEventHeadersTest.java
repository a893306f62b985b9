package io.edukit.vmservice.schemas;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventHeadersTest {

    @Test
    void theSequenceIsZeroPaddedToNineteenDigitsAndReadsBack() {
        assertThat(CloudEventHeaders.sequence(1)).isEqualTo("0000000000000000001");
        assertThat(CloudEventHeaders.sequence(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE)).hasSize(19);
        assertThat(CloudEventHeaders.parseSequence("0000000000000000042")).isEqualTo(42);
    }

    /** CloudEvents compares sequence as a string: the padded form sorts as the numbers do. */
    @Test
    void paddedSequencesCompareAsStringsTheWayTheNumbersDo() {
        List<Long> numbers = LongStream.of(10, 9, 1, 100, 99, 1_000_000_007L, 2).boxed().toList();
        List<String> sortedAsStrings = numbers.stream().map(CloudEventHeaders::sequence).sorted().toList();

        assertThat(sortedAsStrings.stream().map(CloudEventHeaders::parseSequence).toList())
                .isEqualTo(numbers.stream().sorted().toList());
    }

    @Test
    void thereIsNoSequenceBelowOne() {
        assertThatThrownBy(() -> CloudEventHeaders.sequence(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEventHeaders.sequence(-5)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "00000000000000000042", "000000000000000004x", "-000000000000000042", "0000000000000000000", ""})
    void aSequenceHeaderThatIsNotNineteenDigitsAboveZeroIsRefused(String attribute) {
        assertThatThrownBy(() -> CloudEventHeaders.parseSequence(attribute))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyHeaderIsACloudEventsKafkaBindingName() {
        assertThat(CloudEventHeaders.ALL).doesNotHaveDuplicates().hasSize(8);
        assertThat(CloudEventHeaders.ALL.stream().filter(h -> !h.equals(CloudEventHeaders.CONTENT_TYPE)))
                .allSatisfy(h -> assertThat(h).matches("ce_[a-z0-9]{1,20}"));
    }
}
