package org.r1j.kernel.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

/**
 * This session's executed cells, for history_request (jjava sends no reply at all without a history manager, which
 * leaves clients waiting). Session 0 is the current one, as in IPython.
 */
public final class HistoryLog implements HistoryManager {
    private final List<HistoryEntry> entries = new ArrayList<>();

    public synchronized void add(int cellNumber, String input, String output) {
        entries.add(new HistoryEntry(0, cellNumber, input, output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int from = Math.max(0, entries.size() - Math.max(length, 0));
        return shape(entries.subList(from, entries.size()), flags);
    }

    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
                out.add(e);
            }
        }
        return shape(out, flags);
    }

    @Override
    public synchronized List<HistoryEntry> search(String glob, int length, Set<ResultFlag> flags) {
        Pattern pattern = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        List<HistoryEntry> matches = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (pattern.matcher(e.getInput()).matches()) {
                matches.add(e);
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, HistoryEntry> unique = new LinkedHashMap<>();
            for (HistoryEntry e : matches) {
                unique.remove(e.getInput());
                unique.put(e.getInput(), e); // the latest occurrence wins
            }
            matches = new ArrayList<>(unique.values());
        }
        int from = length > 0 ? Math.max(0, matches.size() - length) : 0;
        return shape(matches.subList(from, matches.size()), flags);
    }

    private static List<HistoryEntry> shape(List<HistoryEntry> list, Set<ResultFlag> flags) {
        List<HistoryEntry> out = new ArrayList<>(list.size());
        for (HistoryEntry e : list) {
            String output = flags.contains(ResultFlag.INCLUDE_OUTPUT) ? e.getOutput() : null;
            out.add(new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(), output));
        }
        return out;
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
