package org.r1j.pipeline.task;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Train or held-out test. A problem's split is a pure function of its question text (a CRC32 bucket), so the two
 * splits can never share a question whatever the seed or the number of problems asked for.
 */
public enum Split {
    TRAIN, TEST;

    /** Share of all possible questions that land in TEST. */
    public static final double TEST_FRACTION = 0.2;

    public static Split of(String question) {
        CRC32 crc = new CRC32();
        crc.update(question.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 1000 < TEST_FRACTION * 1000 ? TEST : TRAIN;
    }
}
