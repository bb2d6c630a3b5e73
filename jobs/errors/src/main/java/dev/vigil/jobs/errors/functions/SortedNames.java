package dev.vigil.jobs.errors.functions;

import java.util.Arrays;

/** Small sorted, duplicate-free name lists (services of a group) kept as arrays, a Flink-native type. */
final class SortedNames {
    private SortedNames() {}

    /** {@code names} with {@code name} added in order, or {@code names} itself if present or already {@code max} long. */
    static String[] with(String[] names, String name, int max) {
        int at = Arrays.binarySearch(names, name);
        if (at >= 0 || names.length >= max) return names;
        int insert = -at - 1;
        String[] next = new String[names.length + 1];
        System.arraycopy(names, 0, next, 0, insert);
        next[insert] = name;
        System.arraycopy(names, insert, next, insert + 1, names.length - insert);
        return next;
    }
}
