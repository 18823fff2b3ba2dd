package org.r1j.dsl.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * What an assert test's judge process (resources/r1j/sandbox/asserts.py) printed: whether the snippet finished,
 * and if not, why, with the program's own exit status and output. Only the judge holds the stdout this is read
 * from; the program's output arrives inside it, as data.
 *
 * @param failure "" when passed; {@code assert} (an assert failed), {@code error} (the snippet raised something
 *                else), {@code gone} (the program ended or stopped answering before the snippet finished),
 *                {@code output} (the program wrote past the output limit), {@code judge} (the judge itself failed)
 * @param why     the assert's message or the exception, for the explanation
 * @param program the program's side: its exit status (-1 while it still ran), stdout and stderr
 */
record AssertVerdict(boolean passed, String failure, String why, Execution program) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The verdict in the run's stdout (its last line), or empty when there is none: the run never got that far. */
    static Optional<AssertVerdict> of(Execution run) {
        String out = run.stdout().strip();
        String last = out.substring(out.lastIndexOf('\n') + 1);
        if (!last.startsWith("{")) return Optional.empty();
        try {
            JsonNode v = JSON.readTree(last);
            JsonNode exit = v.path("exit");
            Execution.Status status = "output".equals(v.path("failure").asText()) ? Execution.Status.OUTPUT_LIMIT : Execution.Status.EXITED;
            Execution program = new Execution(status, exit.isInt() ? exit.asInt() : -1, v.path("stdout").asText(""),
                    v.path("stderr").asText(""), run.wallMillis(), "");
            return Optional.of(new AssertVerdict(v.path("passed").asBoolean(false), v.path("failure").asText(""),
                    v.path("why").asText(""), program));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
