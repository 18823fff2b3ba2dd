package org.r1j.dsl.parse;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.r1j.dsl.ast.Program;
import org.r1j.dsl.grammar.RewardLexer;
import org.r1j.dsl.grammar.RewardParser;
import org.r1j.dsl.source.Diagnostics;
import org.r1j.dsl.source.Source;

/** Reward source → {@link Program}. Never throws: syntax errors become diagnostics and the AST keeps going. */
public final class SourceParser {
    /** Sources longer than this are refused (a reward file is a few KB; this guards the notebook and fuzzing). */
    public static final int MAX_SOURCE_CHARS = 1_000_000;

    private SourceParser() {}

    public static Program parse(Source source, Diagnostics diagnostics) {
        if (source.text().length() > MAX_SOURCE_CHARS) {
            diagnostics.error(source.span(0, 0), "source is " + source.text().length() + " characters; the limit is "
                    + MAX_SOURCE_CHARS);
            return new Program(source, java.util.List.of());
        }
        CodePoints cps = new CodePoints(source.text());
        SyntaxErrors errors = new SyntaxErrors(source, diagnostics, cps);
        RewardLexer lexer = new RewardLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        RewardParser parser = new RewardParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        try {
            RewardParser.ProgramContext tree = parser.program();
            return new AstBuilder(source, cps, diagnostics).program(tree);
        } catch (StackOverflowError e) {
            diagnostics.error(source.span(0, 0), "expressions are nested too deeply to parse");
            return new Program(source, java.util.List.of());
        }
    }
}
