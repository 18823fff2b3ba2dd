package org.r1j.kernel.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.dflib.jjava.jupyter.messages.Header;

/**
 * {@code stop_on_error}: after a cell fails, the cells a front end had already queued behind it ("Run All") are
 * answered "aborted" without running, as ipykernel's {@code _abort_queues} does. "Queued behind it" = sent before
 * the failure was reported, by the request's own {@code date}; a cell sent after the error runs normally.
 */
final class StopOnError {
    private volatile Instant failedAt;

    /** A cell with {@code stop_on_error} just failed. */
    void failed() {
        failedAt = Instant.now();
    }

    /** Whether the request with this header was queued before the last failure. */
    boolean shouldAbort(Header<?> header) {
        Instant failure = failedAt;
        if (failure == null || header == null || header.getTimestamp() == null) {
            return false;
        }
        Instant sent = parse(header.getTimestamp().getDateString());
        return sent != null && sent.isBefore(failure);
    }

    /** ISO-8601 as Jupyter clients write it ({@code 2026-12-03T18:55:12.345678Z} or with an offset); null if not. */
    static Instant parse(String date) {
        if (date == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(date + "Z"); // some clients omit the zone: UTC
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
