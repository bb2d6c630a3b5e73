package dev.vigil.client;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A record already written (the contract's JSON from another producer, a file or a replay, or an OTLP export), sent
 * unchanged to its own topic through the same queue, overflow policy and accounting as the library's own events.
 * The library does not check it: the pipeline dead-letters what its parser refuses.
 */
final class RelayedRecord extends ContractEvent {
    final String topic;
    final byte[] value;

    RelayedRecord(String topic, String key, byte[] value) {
        super(0, key, null, null); // the key travels as the correlation ID does: it is the record's Kafka key
        this.topic = topic;
        this.value = value;
    }

    @Override
    String type() {
        throw new UnsupportedOperationException("a relayed record has no contract type of the library's");
    }

    @Override
    void writePayload(JsonGenerator g, ContractJson json) {
        throw new UnsupportedOperationException("a relayed record is sent as it is");
    }
}
