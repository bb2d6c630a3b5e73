package dev.vigil.schema.event;

import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** Payload of a {@code business_event}: signup, checkout_started, purchase, feature use, ... */
public class BusinessEvent {
    public String name;
    public String userId;
    public String accountId;
    public Double value;
    /** ISO 4217 code, upper case. */
    public String currency;

    public String feature;
    /** Flat string properties, e.g. country, plan, app_version: the dimensions funnels split by. */
    @TypeInfo(StringMapTypeInfoFactory.class)
    public Map<String, String> properties;

    public BusinessEvent() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof BusinessEvent)) return false;
        BusinessEvent b = (BusinessEvent) o;
        return Objects.equals(name, b.name)
                && Objects.equals(userId, b.userId)
                && Objects.equals(accountId, b.accountId)
                && Objects.equals(value, b.value)
                && Objects.equals(currency, b.currency)
                && Objects.equals(feature, b.feature)
                && Objects.equals(properties, b.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, userId, value);
    }
}
