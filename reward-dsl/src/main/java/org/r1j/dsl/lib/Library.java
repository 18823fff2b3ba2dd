package org.r1j.dsl.lib;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in functions by name. {@link #STANDARD} holds every family; it is immutable once built. */
public final class Library {
    public static final Library STANDARD = standard();

    private final Map<String, Function> functions = new LinkedHashMap<>();

    private static Library standard() {
        Library l = new Library();
        TextFunctions.register(l);
        RegexFunctions.register(l);
        NumberFunctions.register(l);
        ShapingFunctions.register(l);
        AnswerFunctions.register(l);
        LanguageFunctions.register(l);
        GroupFunctions.register(l);
        CodeFunctions.register(l);
        return l;
    }

    void add(Function f) {
        if (functions.putIfAbsent(f.name(), f) != null) throw new IllegalStateException("duplicate built-in " + f.name());
    }

    public Function get(String name) {
        return functions.get(name);
    }

    public Collection<Function> all() {
        return Collections.unmodifiableCollection(functions.values());
    }
}
