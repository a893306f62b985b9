package io.edukit.vmservice.schemas;

import java.util.List;

/**
 * The Kafka headers of a {@link VmStatusChanged} on {@link Topics#VM_EVENTS}: a CloudEvent in
 * binary mode (CloudEvents Kafka protocol binding 1.0), so each attribute is a {@code ce_}
 * header and the data's media type is {@code content-type}. The AsyncAPI document
 * ({@code asyncapi/vmservice.asyncapi.yaml}) lists exactly these; the outbox relay writes exactly
 * these, every one on every event.
 */
public final class CloudEventHeaders {

    /** Always {@value #SPEC_VERSION_1_0}. */
    public static final String SPEC_VERSION = "ce_specversion";
    /** The event's id (a UUID); a redelivery carries the same one: dedupe by it. */
    public static final String ID = "ce_id";
    /** Always {@link VmStatusChanged#CLOUD_EVENT_SOURCE}. */
    public static final String SOURCE = "ce_source";
    /** Always {@link VmStatusChanged#CLOUD_EVENT_TYPE}. */
    public static final String TYPE = "ce_type";
    /** The VM id, as the record key. */
    public static final String SUBJECT = "ce_subject";
    /** When the status changed (RFC 3339, UTC). */
    public static final String TIME = "ce_time";
    /** The per-VM sequence (1, 2, … ), as {@link #sequence(long)} spells it: order by it. */
    public static final String SEQUENCE = "ce_sequence";
    /** The data's media type, always {@value #JSON}. */
    public static final String CONTENT_TYPE = "content-type";

    /** Every header of a status event, in the order above. */
    public static final List<String> ALL = List.of(SPEC_VERSION, ID, SOURCE, TYPE, SUBJECT, TIME, SEQUENCE, CONTENT_TYPE);
    /**
     * The W3C trace context of the work that changed the status, continuing the trace of the
     * request that asked for it; on an event when that work was traced. Commands carry it too.
     */
    public static final String TRACEPARENT = "traceparent";

    /** The CloudEvents {@code specversion} written. */
    public static final String SPEC_VERSION_1_0 = "1.0";
    /** The {@code content-type} of the data: the {@link VmStatusChanged} JSON. */
    public static final String JSON = "application/json";

    /** Digits of {@link #SEQUENCE}: enough for any {@code long} above zero. */
    public static final int SEQUENCE_DIGITS = 19;

    private CloudEventHeaders() {
    }

    /**
     * The {@code sequence} attribute of the event with this sequence number: zero-padded to
     * {@value #SEQUENCE_DIGITS} digits, because CloudEvents compares {@code sequence} as a string
     * ("0000000000000000010" comes after "0000000000000000009", "10" would not).
     */
    public static String sequence(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("a sequence starts at 1, not " + sequence);
        }
        return String.format("%0" + SEQUENCE_DIGITS + "d", sequence);
    }

    /** The sequence number of a {@link #SEQUENCE} header's value. */
    public static long parseSequence(String attribute) {
        if (attribute.length() != SEQUENCE_DIGITS || !attribute.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a " + SEQUENCE_DIGITS + "-digit sequence: '" + attribute + "'");
        }
        long sequence = Long.parseLong(attribute);
        if (sequence < 1) {
            throw new IllegalArgumentException("a sequence starts at 1: '" + attribute + "'");
        }
        return sequence;
    }
}
