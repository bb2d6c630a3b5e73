package dev.vigil.schema.event;

/** The four input streams. The wire name is what producers put in the {@code type} field. */
public enum EventType {
    AGENT_LOG("agent_log"),
    BUSINESS_EVENT("business_event"),
    PERFORMANCE_METRIC("performance_metric"),
    ERROR("error");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Returns the type for a wire name, or null when the name is not one of the four. */
    public static EventType fromWireName(String name) {
        switch (name) {
            case "agent_log":
                return AGENT_LOG;
            case "business_event":
                return BUSINESS_EVENT;
            case "performance_metric":
                return PERFORMANCE_METRIC;
            case "error":
                return ERROR;
            default:
                return null;
        }
    }
}
