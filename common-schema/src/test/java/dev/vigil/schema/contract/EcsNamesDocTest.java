package dev.vigil.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The ECS table in docs/events.md lists exactly the fields {@link ContractFields} gives an ECS name of their own. */
class EcsNamesDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\| `([a-z_.@]+)` \\|$");

    @Test
    void theDocumentedEcsNamesAreTheDeclaredOnes() throws Exception {
        String doc = Files.readString(Path.of("../docs/events.md"));
        int start = doc.indexOf("## Field names in the search index");
        assertThat(start).isPositive();
        String section = doc.substring(start, doc.indexOf("\n## ", start + 3));
        Map<String, String> documented = new TreeMap<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) documented.put(m.group(1), m.group(2));
        }
        Map<String, String> declared = new TreeMap<>();
        collect("", ContractFields.ENVELOPE, declared);
        collect("agent_log.", ContractFields.AGENT_LOG, declared);
        collect("business_event.", ContractFields.BUSINESS_EVENT, declared);
        collect("performance_metric.", ContractFields.PERFORMANCE_METRIC, declared);
        collect("error.", ContractFields.ERROR, declared);
        assertThat(documented).isEqualTo(declared);
    }

    private static void collect(String prefix, FieldTable<?> table, Map<String, String> out) {
        for (Field<?, ?> f : table.fields()) {
            if (!f.ecsName().equals("vigil." + f.name)) out.put(prefix + f.name, f.ecsName());
        }
    }
}
