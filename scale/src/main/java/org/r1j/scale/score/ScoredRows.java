package org.r1j.scale.score;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.r1j.dsl.RewardProgram;
import org.r1j.dsl.Sample;
import org.r1j.dsl.Score;
import org.r1j.dsl.cli.SampleReader;
import org.r1j.scale.FaultInjection;
import scala.Tuple2;

/**
 * What one partition's rows become: a scored row ({@code line, total, rewards{…}[, explanations{…}]}, the fields
 * of {@code r1j reward score}, unknown = null) or a rejected one ({@code reason, input}). Both share one schema so a
 * partition is read and scored once; the job splits them on {@code reason}.
 */
final class ScoredRows {
    static final String LINE = "line", TOTAL = "total", REWARDS = "rewards", EXPLANATIONS = "explanations",
            REASON = "reason", INPUT = "input";

    /** An injected failure ({@link FaultInjection}) strikes after this many rows of the partition have been written. */
    static final int FAIL_AFTER = 10;

    private ScoredRows() {}

    static StructType schema(List<String> rewards, boolean explain) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(LINE, DataTypes.LongType, false),
                DataTypes.createStructField(TOTAL, DataTypes.DoubleType, true),
                DataTypes.createStructField(REWARDS, struct(rewards, DataTypes.DoubleType), true)));
        if (explain) fields.add(DataTypes.createStructField(EXPLANATIONS, struct(rewards, DataTypes.StringType), true));
        fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(INPUT, DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    private static StructType struct(List<String> names, DataType type) {
        return DataTypes.createStructType(names.stream().map(n -> DataTypes.createStructField(n, type, true)).toList());
    }

    static Row rejectedRow(long line, String reason, String input, boolean explain) {
        return explain ? RowFactory.create(line, null, null, null, reason, input) : RowFactory.create(line, null, null, reason, input);
    }

    static Row scoredRow(long line, Score s, RewardProgram program, boolean explain) {
        List<String> names = program.rewardNames();
        Object[] values = new Object[names.size()];
        Object[] explanations = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            Double v = s.values().get(names.get(i));
            values[i] = v == null || v.isNaN() ? null : v;
            explanations[i] = s.explanations().get(names.get(i));
        }
        Row rewards = RowFactory.create(values);
        return explain ? RowFactory.create(line, s.total(), rewards, RowFactory.create(explanations), null, null)
                : RowFactory.create(line, s.total(), rewards, null, null);
    }

    /** Scores each sample alone, in input order, one row at a time as the writer pulls them (programs without group functions). */
    static Iterator<Row> scoreEach(Iterator<Tuple2<String, Long>> lines, ScoreSettings settings) {
        RewardProgram program = settings.reward().program();
        boolean explain = settings.explain();
        return new Iterator<>() {
            private int done;
            private Row next = advance();

            private Row advance() {
                while (lines.hasNext()) {
                    Tuple2<String, Long> l = lines.next();
                    if (++done == FAIL_AFTER) FaultInjection.midPartition("after " + FAIL_AFTER + " rows");
                    if (l._1().isBlank()) continue;
                    long line = l._2() + 1;
                    try {
                        return scoredRow(line, program.score(SampleReader.read(l._1())), program, explain);
                    } catch (IllegalArgumentException e) {
                        return rejectedRow(line, e.getMessage(), l._1(), explain);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) throw new java.util.NoSuchElementException();
                Row r = next;
                next = advance();
                return r;
            }
        };
    }

    /** The malformed rows alone (parsed, not scored): the second, cheap pass of a job without group functions. */
    static Iterator<Row> rejectedOnly(Iterator<Tuple2<String, Long>> lines, ScoreSettings settings) {
        List<Row> out = new ArrayList<>();
        while (lines.hasNext()) {
            Tuple2<String, Long> l = lines.next();
            if (l._1().isBlank()) continue;
            try {
                SampleReader.read(l._1());
            } catch (IllegalArgumentException e) {
                out.add(rejectedRow(l._2() + 1, e.getMessage(), l._1(), settings.explain()));
            }
        }
        return out.iterator();
    }

    /** Scores one group (input order kept), for programs with group functions. */
    static List<Row> scoreGroup(Iterable<Tuple2<Long, String>> members, ScoreSettings settings) {
        RewardProgram program = settings.reward().program();
        List<Tuple2<Long, String>> sorted = new ArrayList<>();
        members.forEach(sorted::add);
        sorted.sort((a, b) -> Long.compare(a._1(), b._1()));
        List<Sample> samples = new ArrayList<>(sorted.size());
        for (Tuple2<Long, String> m : sorted) samples.add(SampleReader.read(m._2()));
        List<Score> scores = program.scoreGroup(samples);
        List<Row> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) out.add(scoredRow(sorted.get(i)._1(), scores.get(i), program, settings.explain()));
        return out;
    }
}
