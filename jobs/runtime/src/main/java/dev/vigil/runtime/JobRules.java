package dev.vigil.runtime;

import dev.vigil.runtime.accounting.MaskingKeySource;
import dev.vigil.runtime.config.ConfigException;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.config.VigilOptions;
import dev.vigil.schema.masking.MaskAction;
import dev.vigil.schema.masking.MaskingRules;
import dev.vigil.schema.masking.PiiKind;
import dev.vigil.schema.parse.ParserLimits;
import dev.vigil.schema.sampling.SamplingRules;
import java.util.Locale;
import java.util.Map;

/**
 * Parser limits, masking and sampling rules built from config, with start-up errors that name the key. Free of Flink:
 * the backtests use it from the job jar, which does not carry Flink.
 */
public final class JobRules {
    private JobRules() {}

    public static ParserLimits parserLimits(VigilConfig config) {
        ParserLimits l = new ParserLimits();
        l.maxBytes = config.get(VigilOptions.PARSER_MAX_BYTES);
        l.maxDepth = config.get(VigilOptions.PARSER_MAX_DEPTH);
        l.maxAttributes = config.get(VigilOptions.PARSER_MAX_ATTRIBUTES);
        l.maxPastMillis = config.get(VigilOptions.PARSER_MAX_PAST);
        l.maxFutureMillis = config.get(VigilOptions.PARSER_MAX_FUTURE);
        return l;
    }

    public static MaskingRules masking(VigilConfig config) {
        MaskingRules rules = MaskingRules.defaults();
        String key = VigilOptions.MASKING_ACTIONS.key();
        for (String entry : config.get(VigilOptions.MASKING_ACTIONS)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) throw new ConfigException(key + ": '" + entry + "' is not kind=action");
            PiiKind kind = parse(PiiKind.class, entry.substring(0, eq), key);
            MaskAction action = parse(MaskAction.class, entry.substring(eq + 1), key);
            rules.action(kind, action);
        }
        for (String field : config.get(VigilOptions.MASKING_DENY_FIELDS)) rules.denyField(field);
        return rules;
    }

    /**
     * Where tasks read the HMAC key; checked here at start-up (fail fast) when a rule hashes. The key
     * itself stays out of the job graph.
     */
    public static MaskingKeySource maskingKey(VigilConfig config, Map<String, String> env) {
        MaskingKeySource source = maskingKeySource(config);
        byte[] key = source.read(env);
        if (masking(config).usesHash() && (key == null || key.length < 16)) {
            throw new ConfigException(
                    "masking.actions uses hash, so " + source.describe() + " must hold a key of at least 16 bytes");
        }
        return source;
    }

    /** Where the HMAC key is read from, unchecked (a backtest makes its own key when none is configured). */
    public static MaskingKeySource maskingKeySource(VigilConfig config) {
        return new MaskingKeySource(
                config.get(VigilOptions.MASKING_KEY_ENV), config.get(VigilOptions.MASKING_KEY_FILE));
    }

    public static SamplingRules sampling(VigilConfig config) {
        String key = VigilOptions.SAMPLING_RATES.key();
        SamplingRules rules = new SamplingRules()
                .defaultRate(config.get(VigilOptions.SAMPLING_DEFAULT_RATE))
                .slowRequestMs(config.get(VigilOptions.SAMPLING_SLOW_REQUEST));
        for (String entry : config.get(VigilOptions.SAMPLING_RATES)) {
            int eq = entry.indexOf('=');
            if (eq <= 0)
                throw new ConfigException(
                        key + ": '" + entry + "' is not service:level=rate, service=rate or :level=rate");
            double rate;
            try {
                rate = Double.parseDouble(entry.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException(key + ": '" + entry + "' has no numeric rate (allowed: 0.0..1.0)");
            }
            if (!(rate >= 0 && rate <= 1))
                throw new ConfigException(key + ": '" + entry + "' rate is out of range (allowed: 0.0..1.0)");
            String target = entry.substring(0, eq);
            int colon = target.indexOf(':');
            if (colon < 0) {
                rules.serviceRate(target, rate);
            } else if (colon == 0) {
                rules.levelRate(target.substring(1), rate);
            } else {
                rules.serviceLevelRate(target.substring(0, colon), target.substring(colon + 1), rate);
            }
        }
        return rules;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String key) {
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                if (allowed.length() > 0) allowed.append(", ");
                allowed.append(v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new ConfigException(key + ": '" + name + "' is not one of " + allowed);
        }
    }
}
