package org.r1j.cuda;

import java.util.Arrays;

/**
 * The rows of a scatter-add ({@code table[rows[n]] += values[n]}) grouped by target, so the kernel adds without
 * atomics and in a fixed order (deterministic, and the same order as a sequential scatter-add): {@code uniq[u]} is
 * the u-th distinct target row (ascending), and its source rows are {@code order[starts[u] .. starts[u+1])},
 * ascending. Built on the host, where the token ids already are.
 */
public record CsrRows(int[] uniq, int[] starts, int[] order) {
    /** Groups {@code rows} (N target row ids, each in [0, tableRows)). */
    public static CsrRows of(int[] rows, int tableRows) {
        int[] count = new int[tableRows];
        for (int n = 0; n < rows.length; n++) {
            int r = rows[n];
            if (r < 0 || r >= tableRows) throw new IllegalArgumentException("row " + n + " is " + r + ", outside [0, " + tableRows + ")");
            count[r]++;
        }
        int distinct = 0;
        for (int c : count) if (c > 0) distinct++;
        int[] uniq = new int[distinct], starts = new int[distinct + 1], slot = new int[tableRows];
        int u = 0, at = 0;
        for (int r = 0; r < tableRows; r++) {
            if (count[r] == 0) continue;
            uniq[u] = r;
            starts[u] = at;
            slot[r] = at;
            at += count[r];
            u++;
        }
        starts[distinct] = at;
        int[] order = new int[rows.length];
        for (int n = 0; n < rows.length; n++) order[slot[rows[n]]++] = n;   // n ascending within each target
        return new CsrRows(uniq, starts, order);
    }

    public int distinct() { return uniq.length; }

    @Override
    public String toString() {
        return "CsrRows[uniq=" + Arrays.toString(uniq) + ", starts=" + Arrays.toString(starts) + ", order=" + Arrays.toString(order) + "]";
    }
}
