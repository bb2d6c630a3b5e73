package dev.vigil.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schema.event.StackFramesTypeInfoFactory.FramesSerializer;
import dev.vigil.schema.event.StackFramesTypeInfoFactory.FramesSnapshot;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.GenericArraySerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** Flink's serializer test suite against the hand-written stack-frame serializer, and its upgrade path. */
class StackFramesSerializerTest extends SerializerTestBase<StackFrame[]> {

    @Override
    protected TypeSerializer<StackFrame[]> createSerializer() {
        return FramesSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Class<StackFrame[]> getTypeClass() {
        return StackFrame[].class;
    }

    @Override
    protected StackFrame[][] getTestData() {
        return new StackFrame[][] {
            new StackFrame[0],
            {new StackFrame("com.shop.payments", "PspClient.charge", "PspClient.java", 88, true)},
            {
                new StackFrame("java.net", "SocketInputStream.read", "SocketInputStream.java", 168, false),
                null,
                new StackFrame(null, "<anonymous>", null, 0, false),
                new StackFrame("app", "handler", "app.py", -1, true)
            }
        };
    }

    @Test
    void errorEventsUseItForTheirFrames() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        PojoTypeInfo<ErrorEvent> info = (PojoTypeInfo<ErrorEvent>) TypeInformation.of(ErrorEvent.class);
        assertThat(info.getTypeAt(info.getFieldIndex("frames")).createSerializer(config))
                .isSameAs(FramesSerializer.INSTANCE);
    }

    @Test
    void stateWrittenWithFlinksArraySerializerIsMigrated() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        var before = new GenericArraySerializer<>(
                StackFrame.class, TypeInformation.of(StackFrame.class).createSerializer(config));
        assertThat(new FramesSnapshot()
                        .resolveSchemaCompatibility(before.snapshotConfiguration())
                        .isCompatibleAfterMigration())
                .isTrue();
        assertThat(new FramesSnapshot()
                        .resolveSchemaCompatibility(FramesSerializer.INSTANCE.snapshotConfiguration())
                        .isCompatibleAsIs())
                .isTrue();
    }
}
