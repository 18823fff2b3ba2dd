package org.r1j.dsl.parse;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.r1j.dsl.grammar.RewardLexer;
import org.r1j.dsl.source.Diagnostics;
import org.r1j.dsl.source.Source;

/** Replaces ANTLR's console listeners: each syntax error becomes a Diagnostic at the offending token. */
final class SyntaxErrors extends BaseErrorListener {
    private final Source source;
    private final Diagnostics diagnostics;
    private final CodePoints codePoints;
    private int count;

    SyntaxErrors(Source source, Diagnostics diagnostics, CodePoints codePoints) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.codePoints = codePoints;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        // Recovery after the first error often cascades; a few are useful, hundreds are noise.
        if (++count > 20) return;
        if (offendingSymbol instanceof Token t && t.getStartIndex() >= 0 && t.getType() != Token.EOF) {
            int start = codePoints.toChar(t.getStartIndex());
            int end = codePoints.toChar(t.getStopIndex() + 1);
            String message = t.getType() != RewardLexer.ERROR_CHAR ? friendly(msg)
                    : t.getText().equals("\"") ? "unterminated string (a string ends with \" on the same line)"
                    : "unexpected character '" + t.getText() + "'";
            diagnostics.error(source.span(start, end), message);
        } else if (offendingSymbol instanceof Token t && t.getType() == Token.EOF) {
            // Point just after the last real character, not at an empty last line.
            int at = source.text().stripTrailing().length();
            diagnostics.error(source.span(at, at), friendly(msg));
        } else {
            diagnostics.error(source.spanAt(line, charPositionInLine, 1), friendly(msg));
        }
    }

    private static final String[][] EXPECTED = {
            {"'else'", "'else' (if … then … else …)"}, {"'then'", "'then' (if … then … else …)"},
            {"'in'", "'in' (let x = … in …)"}, {"')'", "')'"}, {"']'", "']'"}, {"'if'", "an expression"},
            {"':'", "':' and a type (x: text)"},
    };

    /** ANTLR's messages name tokens by their grammar names; say what a user would call them. */
    static String friendly(String msg) {
        // When the parser was waiting for the rest of a construct, say which: clearer than a token list.
        for (String[] k : EXPECTED) {
            if (msg.contains("expecting") && msg.substring(msg.indexOf("expecting")).contains(k[0])) {
                String got = msg.startsWith("mismatched input ") || msg.startsWith("extraneous input ")
                        ? msg.substring(msg.indexOf("input ") + 6, msg.indexOf(" expecting")).replace("<EOF>", "end of file")
                        : null;
                return "expected " + k[1] + (got == null ? "" : ", found " + got.replace("'end of file'", "end of file"));
            }
        }
        java.util.regex.Matcher m;
        if ((m = java.util.regex.Pattern.compile("^(?:extraneous|mismatched) input (.+?) expecting (.+)$").matcher(msg)).find()) {
            return "expected " + expected(m.group(2)) + ", found " + token(m.group(1));
        }
        if ((m = java.util.regex.Pattern.compile("^missing (.+?) at (.+)$").matcher(msg)).find()) {
            return "missing " + expected(m.group(1)) + " before " + token(m.group(2));
        }
        if ((m = java.util.regex.Pattern.compile("^no viable alternative at input (.+)$").matcher(msg)).find()) {
            String in = m.group(1).strip();
            return "cannot read " + token("'" + (in.startsWith("'") ? in.substring(1, in.length() - 1) : in) + "'") + " here";
        }
        if ((m = java.util.regex.Pattern.compile("^token recognition error at: (.+)$").matcher(msg)).find()) {
            return "unexpected character " + m.group(1);
        }
        return words(msg);
    }

    /** A token as ANTLR quotes it ('=', <EOF>, IDENT) in words. */
    private static String token(String t) {
        String w = words(t.strip());
        return w.equals("'end of file'") ? "end of file" : w;
    }

    /** ANTLR's expected-token set ({end of file, 'def', …}, or one token) as "a or b" / "one of a, b, c". */
    private static String expected(String set) {
        String inner = set.strip();
        if (inner.startsWith("{") && inner.endsWith("}")) inner = inner.substring(1, inner.length() - 1);
        java.util.List<String> options = new java.util.ArrayList<>();
        for (String o : inner.split(",\\s*")) if (!o.isBlank()) options.add(token(o));
        if (options.contains("'reward'") && options.contains("'def'")) {
            return "a new item (reward, def, field, language, import)" + (options.contains("end of file") ? " or the end of the file" : "");
        }
        if (options.contains("a number")) options.remove("'-'");  // the sign belongs to the number
        if (options.size() == 1) return options.get(0);
        if (options.size() == 2) return options.get(0) + " or " + options.get(1);
        if (options.size() > 6) options = new java.util.ArrayList<>(options.subList(0, 6));
        return "one of " + String.join(", ", options);
    }

    private static String words(String msg) {
        return msg.replace("<EOF>", "end of file")
                .replace("IDENT", "a name")
                .replace("NUMBER", "a number")
                .replace("STRING", "a string")
                .replace("REGEX", "a regex")
                .replace("ERROR_CHAR", "a character");
    }
}
