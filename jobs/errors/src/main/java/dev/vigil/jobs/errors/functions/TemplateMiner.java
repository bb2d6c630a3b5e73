package dev.vigil.jobs.errors.functions;

import dev.vigil.schema.parse.ContentHash;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Online log-template mining in the manner of Drain (He et al., ICWS 2017): a message, normalised by
 * {@link MessageNormalizer} and split into tokens, is compared with the templates that have its
 * token count and first token; it joins the most similar one (the share of positions whose token
 * equals the template's, wildcards not counted) if that share reaches the threshold, and the
 * positions that differ become {@code <*>}. Otherwise it starts a template of its own, unless its first
 * word is the one thing setting it apart from templates under two other first words (see
 * {@link #CONTEXT_FOR_LEADING_VARIABLE}). Each message gets its group when it arrives, from what came
 * before it.
 *
 * <p>A template's ID is fixed when it is created: the hash the message rule gave before templates
 * existed (service, error type, normalised message of its first message), so after an upgrade
 * groups that were one message shape keep their IDs and are not announced again; only shapes the
 * miner now merges stop receiving new occurrences under their other IDs. Templates live in a
 * {@link Store}: a map in the backtest, keyed state per service in the job, with at most
 * {@code maxTemplates} per service, the least recently seen evicted first.
 */
public final class TemplateMiner implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String WILDCARD = "<*>";

    /** One template; a Flink POJO, kept in keyed state. */
    public static final class Template {
        public String id;
        public String[] tokens;
        public long lastSeen;
        /** Messages it matched, counted to 2 (0 in a template written before the count existed: many). */
        public int seen;

        public Template() {}

        Template(String id, String[] tokens, long lastSeen) {
            this.id = id;
            this.tokens = tokens;
            this.lastSeen = lastSeen;
            this.seen = 1;
        }

        /** The template text, {@code <*>} where messages differ. */
        public String text() {
            return String.join(" ", tokens);
        }
    }

    /** A service's templates, in buckets of one token count and first token. */
    public interface Store {
        Template[] bucket(String key) throws Exception;

        void put(String key, Template[] templates) throws Exception;

        void remove(String key) throws Exception;

        Iterable<Map.Entry<String, Template[]>> buckets() throws Exception;

        /** How many templates the store holds, as last {@link #count(int) set}; may overcount after state expiry. */
        int count() throws Exception;

        void count(int templates) throws Exception;
    }

    /** A store in memory: the backtest's, one per service. */
    public static final class MapStore implements Store {
        private final Map<String, Template[]> buckets = new java.util.HashMap<>();
        private int count;

        @Override
        public Template[] bucket(String key) {
            return buckets.get(key);
        }

        @Override
        public void put(String key, Template[] templates) {
            buckets.put(key, templates);
        }

        @Override
        public void remove(String key) {
            buckets.remove(key);
        }

        @Override
        public Iterable<Map.Entry<String, Template[]>> buckets() {
            return buckets.entrySet();
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public void count(int templates) {
            count = templates;
        }
    }

    /**
     * Distinct messages a position of words must have shown before it is a variable: two words are as
     * often two constants ("starting" / "ending", "client SPP" / "client WindowsUpdateAgent") as one
     * variable. Positions where both tokens hold values (numbers, IDs, addresses) vary at once. One
     * exception: a template seen once, from which the new message differs in one word, becomes a variable
     * there at once. By Good-Turing's estimate the chance that the next value of a place is one not seen
     * before is the share of its values seen once: after one message, 1 (a user or host name, a new one
     * per line), after a word repeated, 0 (a constant; a second one waits for a third).
     */
    static final int VALUES_BEFORE_VARIABLE = 3;
    /**
     * Constant words beyond the first a message needs before its first word may become a variable: a short message's
     * first word is its verb or subject ({@code halt (command <num>)}, {@code boot (command <num>)}).
     */
    static final int CONTEXT_FOR_LEADING_VARIABLE = 3;
    /** Drain's similarity threshold as its authors ship it. */
    public static final double DEFAULT_SIMILARITY = 0.5;

    private final double threshold;
    private final int maxTemplates;

    /**
     * @param threshold share of a template's non-wildcard positions a message must match to join it
     * @param maxTemplates most templates per store (service)
     */
    public TemplateMiner(double threshold, int maxTemplates) {
        if (threshold <= 0 || threshold > 1) throw new IllegalArgumentException("threshold must be in (0, 1]");
        this.threshold = threshold;
        this.maxTemplates = maxTemplates;
    }

    /**
     * The template {@code normalized} belongs to, after learning from it.
     *
     * @param idKey the text whose hash names a new template (the message rule's key)
     * @param now when the message was seen (event time), for least-recently-seen eviction
     */
    public Template match(Store store, String scope, String normalized, String idKey, long now) throws Exception {
        String[] tokens = tokens(normalized);
        String key = bucketKey(scope, tokens);
        Template found = matchIn(store, key, tokens, now);
        if (found != null) return found;
        String anyFirst = tokens.length == 0 ? key : bucketKey(scope, tokens.length, WILDCARD);
        if (!anyFirst.equals(key)) {
            // a leading word that already became a variable ("<*> logged in from console")
            found = matchIn(store, anyFirst, tokens, now);
            if (found != null) return found;
            found = mergeLeadingWords(store, scope, anyFirst, tokens, now);
            if (found != null) return found;
        }
        Template created = new Template(ContentHash.hex64(idKey), tokens, now);
        makeRoom(store);
        append(store, key, created); // read after eviction, which may have changed the bucket
        store.count(store.count() + 1);
        return created;
    }

    private static void append(Store store, String key, Template template) throws Exception {
        Template[] bucket = store.bucket(key);
        Template[] grown = bucket == null ? new Template[1] : Arrays.copyOf(bucket, bucket.length + 1);
        grown[grown.length - 1] = template;
        store.put(key, grown);
    }

    /** The template of bucket {@code key} the message matches or joins (learning from it), or null. */
    private Template matchIn(Store store, String key, String[] tokens, long now) throws Exception {
        Template[] bucket = store.bucket(key);
        Template exact = null;
        Template similar = null;
        double bestSimilarity = -1;
        int bestWildcards = -1;
        if (bucket != null) {
            for (Template t : bucket) {
                int equal = 0;
                int wildcards = 0;
                for (int i = 0; i < tokens.length; i++) {
                    if (t.tokens[i].equals(WILDCARD)) wildcards++;
                    else if (t.tokens[i].equals(tokens[i])) equal++;
                }
                if (equal + wildcards == tokens.length) {
                    if (exact == null || wildcards > countWildcards(exact)) exact = t;
                    continue;
                }
                double similarity = (double) equal / tokens.length;
                if (similarity > bestSimilarity || (similarity == bestSimilarity && wildcards > bestWildcards)) {
                    similar = t;
                    bestSimilarity = similarity;
                    bestWildcards = wildcards;
                }
            }
        }
        if (exact != null) {
            if (exact.lastSeen < now || exact.seen < 2) {
                exact.lastSeen = Math.max(now, exact.lastSeen);
                exact.seen = exact.seen == 0 ? 2 : Math.min(2, exact.seen + 1);
                store.put(key, bucket);
            }
            return exact;
        }
        if (similar != null && bestSimilarity >= threshold) {
            // The positions where the message differs become variables once enough distinct values were seen there.
            String[] general = similar.tokens.clone();
            boolean onlyValues = true; // every difference is between tokens that hold values (placeholders)
            int differing = 0;
            for (int i = 0; i < tokens.length; i++) {
                if (!general[i].equals(tokens[i])) {
                    if (!general[i].equals(WILDCARD)) differing++;
                    onlyValues &= holdsValue(general[i]) && holdsValue(tokens[i]);
                    general[i] = WILDCARD;
                }
            }
            int subsumed = 1; // the message itself
            for (Template t : bucket) if (subsumes(general, t.tokens)) subsumed++;
            if (onlyValues || subsumed >= VALUES_BEFORE_VARIABLE || (similar.seen == 1 && differing == 1)) {
                Template merged = new Template(similar.id, general, now);
                merged.seen = 2;
                Template[] kept = new Template[bucket.length - subsumed + 2];
                int n = 0;
                for (Template t : bucket) if (!subsumes(general, t.tokens)) kept[n++] = t;
                kept[n] = merged;
                store.put(key, kept);
                store.count(store.count() - (subsumed - 2));
                return merged;
            }
        }
        return null;
    }

    /**
     * A message that would start a template of its own, while templates of its length that differ from it only in the
     * first word exist under other first words ({@code alice logged in}, {@code bob logged in}; {@code chrome.exe -
     * ... close}, {@code outlook.exe - ... close}): Drain's tree, as this miner's buckets, takes the first word for a
     * constant. With {@link #VALUES_BEFORE_VARIABLE} distinct first words, as for any other word, they become one
     * template with a variable first word, under the ID of the one seen longest ago (of equals, the smaller ID: the
     * same whatever order the store iterates in). Looked for only when a message would otherwise
     * be new, so it costs a scan of the service's templates per new template, not per message.
     */
    private Template mergeLeadingWords(Store store, String scope, String anyFirst, String[] tokens, long now)
            throws Exception {
        if (holdsValue(tokens[0]) || constantWords(tokens) < CONTEXT_FOR_LEADING_VARIABLE) return null;
        String prefix = bucketKey(scope, tokens.length, "");
        Set<String> keys = new LinkedHashSet<>(); // buckets holding one: one per first word
        Template oldest = null;
        for (Map.Entry<String, Template[]> b : store.buckets()) {
            String key = b.getKey();
            if (!key.startsWith(prefix) || key.equals(anyFirst)) continue;
            for (Template t : b.getValue()) {
                if (sameBeyondFirst(t.tokens, tokens)) {
                    keys.add(key);
                    if (oldest == null
                            || t.lastSeen < oldest.lastSeen
                            || (t.lastSeen == oldest.lastSeen && t.id.compareTo(oldest.id) < 0)) oldest = t;
                }
            }
        }
        boolean singleton = keys.size() == 1 && oldest.seen == 1 && sameBeyondFirst(tokens, oldest.tokens);
        if (keys.size() + 1 < VALUES_BEFORE_VARIABLE && !singleton) return null;
        String[] general = tokens.clone();
        general[0] = WILDCARD;
        int removed = 0;
        for (String key : keys) {
            Template[] ts = store.bucket(key);
            if (ts == null) continue; // already emptied: two templates in one bucket
            Template[] kept = Arrays.stream(ts)
                    .filter(t -> !sameBeyondFirst(t.tokens, tokens))
                    .toArray(Template[]::new);
            for (Template t : ts) {
                if (!sameBeyondFirst(t.tokens, tokens)) continue;
                for (int i = 1; i < general.length; i++) if (t.tokens[i].equals(WILDCARD)) general[i] = WILDCARD;
            }
            removed += ts.length - kept.length;
            if (kept.length == 0) store.remove(key);
            else store.put(key, kept);
        }
        Template merged = new Template(oldest.id, general, now);
        merged.seen = 2;
        append(store, anyFirst, merged);
        store.count(store.count() - removed + 1);
        return merged;
    }

    /** Whether {@code template} matches {@code tokens} in every position but the first (its wildcards match anything). */
    private static boolean sameBeyondFirst(String[] template, String[] tokens) {
        for (int i = 1; i < tokens.length; i++) {
            if (!template[i].equals(WILDCARD) && !template[i].equals(tokens[i])) return false;
        }
        return true;
    }

    /** Words beyond the first that hold no value: the context a variable first word is recognised by. */
    private static int constantWords(String[] tokens) {
        int n = 0;
        for (int i = 1; i < tokens.length; i++) if (!holdsValue(tokens[i])) n++;
        return n;
    }

    /** A token the normaliser found a value in ({@code <num>}, {@code LOCAL(<num>),}) or a wildcard. */
    static boolean holdsValue(String token) {
        int open = token.indexOf('<');
        return open >= 0 && token.indexOf('>', open) > open;
    }

    private static int countWildcards(Template t) {
        int n = 0;
        for (String token : t.tokens) if (token.equals(WILDCARD)) n++;
        return n;
    }

    private static boolean subsumes(String[] general, String[] specific) {
        for (int i = 0; i < general.length; i++) {
            if (!general[i].equals(WILDCARD) && !general[i].equals(specific[i])) return false;
        }
        return true;
    }

    /** At the cap, counts again (expired buckets are gone) and evicts the least recently seen template if still full. */
    private void makeRoom(Store store) throws Exception {
        if (store.count() < maxTemplates) return;
        int count = 0;
        String lruKey = null;
        int lruIndex = -1;
        long lruSeen = Long.MAX_VALUE;
        for (Map.Entry<String, Template[]> b : store.buckets()) {
            Template[] ts = b.getValue();
            for (int i = 0; i < ts.length; i++) {
                count++;
                if (ts[i].lastSeen < lruSeen) {
                    lruSeen = ts[i].lastSeen;
                    lruKey = b.getKey();
                    lruIndex = i;
                }
            }
        }
        if (count >= maxTemplates && lruKey != null) {
            Template[] ts = store.bucket(lruKey);
            if (ts.length == 1) {
                store.remove(lruKey);
            } else {
                Template[] shrunk = new Template[ts.length - 1];
                System.arraycopy(ts, 0, shrunk, 0, lruIndex);
                System.arraycopy(ts, lruIndex + 1, shrunk, lruIndex, ts.length - lruIndex - 1);
                store.put(lruKey, shrunk);
            }
            count--;
        }
        store.count(count);
    }

    static String[] tokens(String normalized) {
        return normalized.isEmpty() ? new String[0] : normalized.split(" ");
    }

    /** Templates are compared only with messages of their token count and first token (a variable first token goes under {@code <*>}). */
    static String bucketKey(String scope, String[] tokens) {
        String first = tokens.length == 0 ? "" : tokens[0];
        if (first.startsWith("<") && first.endsWith(">")) first = WILDCARD;
        return bucketKey(scope, tokens.length, first);
    }

    private static String bucketKey(String scope, int length, String first) {
        return scope + '\u0000' + length + '\u0000' + first;
    }
}
