package org.r1j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.r1j.grpo.GrpoTrainer;

/**
 * The trainer's packages form layers, each using only the ones below it: {@code io} < {@code config} (the knob mapper) < {@code model} <
 * {@code optim} < {@code model.bench} (it times AdamW) < {@code train} (the training loop) < {@code grpo} < {@code pipeline} < {@code sweep} <
 * {@code pipeline.cli}. Read from the compiled classes' constant pools (class references, and every descriptor and
 * generic signature), so a field type or a lambda counts as much as an import. This is what keeps the
 * {@code grpo ↔ pipeline} cycle from coming back.
 */
class PackageLayersTest {
    /** Longest prefix first; rank = position in the layering, bottom first. */
    private static final List<String> LAYERS = List.of("io", "config", "model", "optim", "model/bench", "train", "grpo", "pipeline", "sweep", "pipeline/cli");
    private static final Pattern REFERENCE = Pattern.compile("org/r1j/[A-Za-z0-9_/$]+");

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() throws Exception {
        List<String> violations = new ArrayList<>();
        int classes = 0;
        for (Path file : classFiles()) {
            ClassModel cm = ClassFile.of().parse(Files.readAllBytes(file));
            String self = cm.thisClass().asInternalName();
            int own = rank(self);
            if (own < 0) continue;
            classes++;
            for (String ref : references(cm)) {
                int r = rank(ref);
                if (r > own) violations.add(self.replace('/', '.') + " uses " + ref.replace('/', '.'));
            }
        }
        assertTrue(classes > 200, "found only " + classes + " trainer classes to check");
        assertEquals(List.of(), violations, "a package uses a layer above it (" + String.join(" < ", LAYERS) + ")");
    }

    @Test
    void aReferenceUpwardsIsCaught() {
        // the check itself: grpo's layer is below pipeline's, train's below grpo's
        assertTrue(rank("org/r1j/grpo/GrpoTrainer") < rank("org/r1j/pipeline/data/Problem"));
        assertTrue(rank("org/r1j/train/TrainingLoop") < rank("org/r1j/grpo/GrpoConfig"));
        assertTrue(rank("org/r1j/pipeline/run/Pipeline") < rank("org/r1j/pipeline/cli/DemoCommand"));
        assertEquals(-1, rank("org/r1j/dsl/Rewarder"), "other modules are not layered here");
        Set<String> refs = REFERENCE.matcher("(Lorg/r1j/pipeline/data/Problem;Ljava/util/List<Lorg/r1j/grpo/X;>;)V").results()
                .map(m -> m.group()).collect(java.util.stream.Collectors.toSet());
        assertEquals(Set.of("org/r1j/pipeline/data/Problem", "org/r1j/grpo/X"), refs);
    }

    /** The rank of a class's layer, or -1 when it belongs to none of them. */
    static int rank(String internalName) {
        int best = -1, bestLength = -1;
        for (int i = 0; i < LAYERS.size(); i++) {
            String prefix = "org/r1j/" + LAYERS.get(i) + "/";
            if (internalName.startsWith(prefix) && prefix.length() > bestLength) {
                best = i;
                bestLength = prefix.length();
            }
        }
        return best;
    }

    /** Every r1j class named in the constant pool: class entries and the names inside descriptors and signatures. */
    private static Set<String> references(ClassModel cm) {
        Set<String> out = new TreeSet<>();
        for (PoolEntry e : cm.constantPool()) {
            String text = e instanceof ClassEntry c ? c.asInternalName() : e instanceof Utf8Entry u ? u.stringValue() : null;
            if (text == null) continue;
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) out.add(m.group());
        }
        return out;
    }

    private static List<Path> classFiles() throws IOException, URISyntaxException {
        Path root = Path.of(GrpoTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), "expected the trainer's compiled classes in a folder, got " + root);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }
}
