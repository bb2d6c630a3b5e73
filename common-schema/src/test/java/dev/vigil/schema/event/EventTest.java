package dev.vigil.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class EventTest {
    /** Every field, present and future, set to a value other than its default and found in the copy. */
    @Test
    void aShallowCopyHasEveryFieldOfTheEnvelope() throws Exception {
        Event e = new Event();
        int fields = 0;
        for (Field f : Event.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            fields++;
            Class<?> t = f.getType();
            Object value;
            if (t == String.class) value = "v-" + f.getName();
            else if (t == boolean.class) value = true;
            else if (t == int.class) value = 7;
            else if (t == long.class) value = 7L;
            else if (t == double.class) value = 0.5;
            else if (t.isEnum()) value = t.getEnumConstants()[1];
            else if (t == java.util.Map.class) value = new HashMap<>();
            else value = t.getDeclaredConstructor().newInstance();
            f.set(e, value);
        }
        Event copy = e.shallowCopy();
        assertThat(copy).isNotSameAs(e).isEqualTo(e);
        for (Field f : Event.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            if (f.getType().isPrimitive())
                assertThat(f.get(copy)).as(f.getName()).isEqualTo(f.get(e));
            else assertThat(f.get(copy)).as(f.getName()).isSameAs(f.get(e));
        }
        assertThat(fields).isEqualTo(20);
    }
}
