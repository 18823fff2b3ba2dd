package org.r1j.dsl.check;

/** Let-bound locals visible at a point: an immutable linked list, innermost first. */
record Scope(String name, Symbol.Local local, Scope outer) {
    static final Scope EMPTY = new Scope(null, null, null);

    Scope bind(String n, Symbol.Local l) {
        return new Scope(n, l, this);
    }

    Symbol.Local find(String n) {
        for (Scope s = this; s != null && s.name != null; s = s.outer) {
            if (s.name.equals(n)) return s.local;
        }
        return null;
    }
}
