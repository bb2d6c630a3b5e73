package dev.vigil.runtime.detection.patterns;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Flink's keyed operator test harness around the CEP operator a pattern compiles to (event time). */
public final class CepHarness {
    private CepHarness() {}

    public static <IN, OUT> KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> of(
            Pattern<IN, ?> pattern,
            PatternProcessFunction<IN, OUT> function,
            KeySelector<IN, String> key,
            Class<IN> type)
            throws Exception {
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();
        CepOperator<IN, String, OUT> operator = new CepOperator<>(
                TypeInformation.of(type).createSerializer(config),
                false,
                NFACompiler.compileFactory(pattern, function instanceof TimedOutPartialMatchHandler),
                null,
                pattern.getAfterMatchSkipStrategy(),
                function,
                null);
        KeyedOneInputStreamOperatorTestHarness<String, IN, OUT> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, key, TypeInformation.of(String.class));
        harness.open();
        return harness;
    }
}
