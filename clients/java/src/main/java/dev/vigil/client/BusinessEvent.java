package dev.vigil.client;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code business_event}: signup, checkout_started, purchase... Built with {@link Vigil#event(String)}. */
public final class BusinessEvent extends ContractEvent {
    final String name;
    String userId;
    String accountId;
    BigDecimal value;
    String currency;
    String feature;
    Map<String, Object> properties;

    BusinessEvent(long timestamp, String name, String correlationId, String traceId, String spanId) {
        super(timestamp, correlationId, traceId, spanId);
        this.name = name;
    }

    @Override
    String type() {
        return "business_event";
    }

    @Override
    void writePayload(JsonGenerator g, ContractJson json) throws IOException {
        g.writeStringField("name", Text.label(name));
        ContractJson.writeToken(g, "user_id", userId, 256);
        ContractJson.writeToken(g, "account_id", accountId, 256);
        if (value != null) g.writeNumberField("value", value);
        if (currency != null) g.writeStringField("currency", currency);
        String f = Text.label(feature);
        if (f != null) g.writeStringField("feature", f);
        if (properties != null) {
            g.writeObjectFieldStart("properties");
            ContractJson.writeScalars(g, properties, true);
            g.writeEndObject();
        }
        ContractJson.writeAttributes(g, attributes);
    }

    /** Fills a business event and hands it to the publisher. */
    public static final class Builder {
        private final BusinessEvent event;
        private final Vigil vigil;

        Builder(Vigil vigil, BusinessEvent event) {
            this.vigil = vigil;
            this.event = event;
        }

        public Builder userId(String userId) {
            event.userId = userId;
            return this;
        }

        public Builder accountId(String accountId) {
            event.accountId = accountId;
            return this;
        }

        /** An amount in an ISO 4217 currency ({@code EUR}). */
        public Builder value(BigDecimal value, String currency) {
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException(
                        "currency must be an ISO 4217 code such as EUR (got '" + currency + "')");
            }
            event.value = value;
            event.currency = currency;
            return this;
        }

        public Builder value(double value) {
            event.value = BigDecimal.valueOf(value);
            return this;
        }

        public Builder feature(String feature) {
            event.feature = feature;
            return this;
        }

        /** A flat dimension for funnels and KPIs (country, plan, app_version): a String, Number or Boolean. */
        public Builder property(String key, Object value) {
            ContractJson.checkScalar(key, value);
            if (event.properties == null) event.properties = new LinkedHashMap<>();
            event.properties.put(key, value);
            return this;
        }

        /** Free-form context: a String, Number or Boolean. */
        public Builder attribute(String key, Object value) {
            ContractJson.checkScalar(key, value);
            event.attribute(key, value);
            return this;
        }

        /** Publishes it; false when it was dropped (the queue was full). */
        public boolean emit() {
            return vigil.publish(event);
        }
    }
}
