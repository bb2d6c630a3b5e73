package dev.vigil.runtime.sinks.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.contract.ContractFields;
import dev.vigil.schema.contract.Field;
import dev.vigil.schema.contract.FieldNaming;
import dev.vigil.schema.contract.FieldTable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs Vigil's index templates (explicit mappings, alias per family of daily indices) before a
 * job writes. The templates live as JSON resources under {@code elasticsearch/}; for families of
 * event documents the mappings of the contract's fields come from {@link ContractFields}, and the
 * resource adds only what documents carry besides. Installing is idempotent.
 */
public final class IndexTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);
    /** The names the template resources are written with. */
    private static final String DEFAULT_PREFIX = "vigil-";
    /** Families whose documents are events of one type, by the payload they carry. */
    private static final Map<String, FieldTable<?>> EVENT_FAMILIES =
            Map.of("logs", ContractFields.AGENT_LOG, "errors", ContractFields.ERROR);
    /** Families of daily indices (<prefix><family>-YYYY.MM.DD), which the retention policy deletes; error groups are one index. */
    static final List<String> DAILY_FAMILIES = List.of("logs", "journeys", "errors");

    private IndexTemplates() {}

    /**
     * The template of {@code family} as this installation uses it: the resources hold the mappings under
     * the default names (vigil-...), the contract its fields' mappings, config the index prefix and the
     * sizing, and the ILM policy its indices follow ({@code ilmPolicy}, or null).
     */
    static String configured(
            String family,
            byte[] template,
            String indexPrefix,
            int shards,
            int replicas,
            FieldNaming naming,
            String ilmPolicy)
            throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(template);
        FieldTable<?> payload = EVENT_FAMILIES.get(family);
        if (payload != null) {
            ObjectNode mappings = root.with("template").with("mappings");
            ObjectNode properties = JSON.createObjectNode();
            addMappings(properties, ContractFields.ENVELOPE, naming);
            addMappings(properties, payload, naming);
            var extras = mappings.path("properties").fields();
            while (extras.hasNext()) {
                var extra = extras.next();
                String name = naming.extra(extra.getKey());
                if (properties.has(name)) {
                    throw new IllegalStateException("the " + family + " template maps " + name + ", a contract field");
                }
                properties.set(name, extra.getValue());
            }
            mappings.set("properties", properties);
            var excludes = JSON.createArrayNode();
            mappings.path("_source").path("excludes").forEach(x -> excludes.add(naming.extra(x.asText())));
            if (!excludes.isEmpty()) mappings.with("_source").set("excludes", excludes);
        }
        var patterns = JSON.createArrayNode();
        root.get("index_patterns").forEach(p -> patterns.add(prefixed(p.asText(), indexPrefix)));
        root.set("index_patterns", patterns);
        if (root.path("template").has("aliases")) {
            ObjectNode aliases = JSON.createObjectNode();
            root.get("template")
                    .get("aliases")
                    .fields()
                    .forEachRemaining(a -> aliases.set(prefixed(a.getKey(), indexPrefix), a.getValue()));
            root.with("template").set("aliases", aliases);
        }
        ObjectNode settings = root.with("template").with("settings");
        settings.put("number_of_shards", shards);
        settings.put("number_of_replicas", replicas);
        if (ilmPolicy != null && DAILY_FAMILIES.contains(family)) settings.put("index.lifecycle.name", ilmPolicy);
        return JSON.writeValueAsString(root);
    }

    private static void addMappings(ObjectNode properties, FieldTable<?> table, FieldNaming naming) throws IOException {
        for (Field<?, ?> f : table.fields()) {
            if (f.isOutput()) properties.set(naming.of(f), JSON.readTree(f.type.mapping));
        }
    }

    private static String prefixed(String name, String indexPrefix) {
        if (!name.startsWith(DEFAULT_PREFIX)) throw new IllegalStateException("index template resource names " + name);
        return indexPrefix + name.substring(DEFAULT_PREFIX.length());
    }

    /**
     * A template reaches only indices created after it, so after an upgrade today's daily index would
     * refuse every document with a field the new version added (strict mappings). New fields are added
     * to the existing indices of the family; a field whose type changed cannot be, and is reported.
     */
    private static void addNewFieldsToExistingIndices(RestClient client, String template) throws IOException {
        var root = JSON.readTree(template);
        ObjectNode mapping = JSON.createObjectNode();
        mapping.set("properties", root.path("template").path("mappings").path("properties"));
        for (var pattern : root.get("index_patterns")) {
            SearchConnection.Answer answer = SearchConnection.exchange(
                    client,
                    "PUT",
                    "/" + pattern.asText() + "/_mapping?allow_no_indices=true&expand_wildcards=open",
                    JSON.writeValueAsString(mapping));
            if (!answer.ok()) {
                LOG.warn(
                        "Existing indices {} keep their mapping (HTTP {}: {}); documents with new fields go to the dead-letter topic"
                                + " until the next daily index",
                        pattern.asText(),
                        answer.status(),
                        answer.body());
            }
        }
    }

    /**
     * Installs the template of one family of indices (logs, journeys, errors, error-groups) under the
     * configured prefix, and, for a family of daily indices on a cluster with ILM or ISM (unless
     * {@code retention.elasticsearch-lifecycle: off}), the retention policy its indices follow.
     */
    public static void install(VigilConfig config, String family) {
        String prefix = config.get(VigilOptions.ES_INDEX_PREFIX);
        String name = prefix + family;
        try (RestClient client = SearchConnection.of(config).open()) {
            IndexLifecycle.Kind lifecycle =
                    config.get(VigilOptions.RETENTION_ES_LIFECYCLE) == VigilOptions.IndexLifecycleUse.AUTO
                                    && DAILY_FAMILIES.contains(family)
                            ? IndexLifecycle.detect(client)
                            : IndexLifecycle.Kind.NONE;
            IndexLifecycle.install(
                    client, lifecycle, prefix, DAILY_FAMILIES, config.get(VigilOptions.RETENTION_ES) / 86_400_000L);
            String body;
            try (InputStream in = IndexTemplates.class.getResourceAsStream(
                    "/elasticsearch/" + DEFAULT_PREFIX + family + ".template.json")) {
                if (in == null) throw new IllegalArgumentException("no index template resource for " + family);
                body = configured(
                        family,
                        in.readAllBytes(),
                        prefix,
                        config.get(VigilOptions.ES_SHARDS),
                        config.get(VigilOptions.ES_REPLICAS),
                        config.get(VigilOptions.ES_FIELD_NAMES),
                        lifecycle == IndexLifecycle.Kind.ILM ? IndexLifecycle.policyName(prefix) : null);
            }
            SearchConnection.Answer answer = SearchConnection.exchange(client, "PUT", "/_index_template/" + name, body);
            if (!answer.ok())
                throw new IllegalStateException(
                        "installing index template " + name + " failed: HTTP " + answer.status() + " " + answer.body());
            addNewFieldsToExistingIndices(client, body);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot reach Elasticsearch at " + config.get(VigilOptions.ES_HOSTS) + " to install template "
                            + name,
                    e);
        }
    }
}
