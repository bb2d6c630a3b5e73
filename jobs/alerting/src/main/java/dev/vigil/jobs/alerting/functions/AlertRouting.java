package dev.vigil.jobs.alerting.functions;

import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.event.Alert;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Alertmanager routes and people read: the {@code team} and {@code severity} labels, and the
 * runbook, query link and window as annotations.
 */
public final class AlertRouting implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> teams;
    private final String defaultTeam;
    private final String runbookUrl;
    private final String queryUrl;

    public AlertRouting(Map<String, String> teams, String defaultTeam, String runbookUrl, String queryUrl) {
        this.teams = new HashMap<>(teams);
        this.defaultTeam = defaultTeam;
        this.runbookUrl = runbookUrl;
        this.queryUrl = queryUrl;
    }

    public static AlertRouting from(VigilConfig config) {
        Map<String, String> teams = new HashMap<>();
        for (String entry : config.get(VigilOptions.ALERT_TEAMS)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ConfigException(VigilOptions.ALERT_TEAMS.key() + ": '" + entry + "' must be service=team");
            }
            teams.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return new AlertRouting(
                teams,
                config.get(VigilOptions.ALERT_DEFAULT_TEAM),
                config.get(VigilOptions.ALERT_RUNBOOK_URL),
                config.get(VigilOptions.ALERT_QUERY_URL));
    }

    /** Labels and annotations of {@code a} for Alertmanager (in place). */
    public Alert route(Alert a) {
        Map<String, String> labels = a.labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(a.labels);
        labels.put("alertname", a.name);
        labels.put("service", a.service == null ? "" : a.service);
        labels.put("severity", a.severity);
        labels.put("team", team(a.service));
        a.labels = labels;
        Map<String, String> annotations =
                a.annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(a.annotations);
        annotations.put("window", Instant.ofEpochMilli(a.windowStart) + " - " + Instant.ofEpochMilli(a.windowEnd));
        annotations.put("runbook_url", runbookUrl.replace("{alertname}", a.name));
        annotations.put(
                "query_url",
                queryUrl.replace("{service}", encode(a.service))
                        .replace("{from}", Long.toString(a.windowStart))
                        .replace("{to}", Long.toString(a.windowEnd)));
        a.annotations = annotations;
        return a;
    }

    /** The team that owns {@code service}. */
    public String team(String service) {
        return teams.getOrDefault(service, defaultTeam);
    }

    private static String encode(String s) {
        return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
