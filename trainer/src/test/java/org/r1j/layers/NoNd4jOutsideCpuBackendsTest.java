package org.r1j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.r1j.grpo.GrpoTrainer;

/**
 * ND4J's classes stay inside the CPU backends ({@code model.backend.nd4j}, {@code model.backend.simd}): any other
 * trainer class that names {@code Nd4j}, {@code INDArray} or any other ND4J or JavaCPP class would load libnd4jcpu
 * (323 MB) or JavaCPP's natives, which the CUDA device kit does not ship. Only ND4J's {@code DataType} enum is allowed
 * (the backend seam's element type; loading it loads no native code). Read from the compiled classes' constant
 * pools, as {@link PackageLayersTest} does, so a field type, a descriptor or a lambda counts as much as an import.
 */
class NoNd4jOutsideCpuBackendsTest {
    private static final Pattern NATIVE_STACK = Pattern.compile("org/(nd4j|bytedeco)/[A-Za-z0-9_/$]+");
    private static final String DATA_TYPE = "org/nd4j/linalg/api/buffer/DataType";
    private static final List<String> CPU_BACKENDS = List.of("org/r1j/model/backend/nd4j/", "org/r1j/model/backend/simd/");
    /**
     * The only exceptions, each with its reason. {@code ModelBench} reads JavaCPP's memory counters for its peak-RSS
     * line ({@code Pointer.physicalBytes}); it is a CPU benchmark's report, outside this package's scope to move.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "org/r1j/model/bench/ModelBench", Set.of("org/bytedeco/javacpp/Pointer"));

    @Test
    void noTrainerClassOutsideTheCpuBackendsNamesNd4j() throws Exception {
        List<String> violations = new ArrayList<>();
        int classes = 0;
        for (Path file : classFiles()) {
            ClassModel cm = ClassFile.of().parse(Files.readAllBytes(file));
            classes++;
            violations.addAll(violations(cm));
        }
        assertTrue(classes > 200, "found only " + classes + " trainer classes to check");
        assertEquals(List.of(), violations, "ND4J outside model.backend.nd4j/simd (use org.r1j.model.io.HostArray,"
                + " Backend.fromHost and Tensor.toFloats instead)");
    }

    @Test
    void aClassCallingNd4jZerosIsCaughtOutsideTheBackendsOnly() {
        assertEquals(List.of("org.r1j.model.Fake uses org.nd4j.linalg.api.ndarray.INDArray",
                        "org.r1j.model.Fake uses org.nd4j.linalg.factory.Nd4j"),
                violations(callingNd4jZeros("org.r1j.model.Fake")));
        assertEquals(List.of(), violations(callingNd4jZeros("org.r1j.model.backend.nd4j.Fake")));
        assertEquals(List.of(), violations(callingNd4jZeros("org.r1j.model.backend.simd.Fake")));
    }

    /** "C uses X" for every ND4J/JavaCPP class X that class C names and may not (none inside the CPU backends). */
    static List<String> violations(ClassModel cm) {
        String self = cm.thisClass().asInternalName();
        if (CPU_BACKENDS.stream().anyMatch(self::startsWith)) return List.of();
        String outer = self.contains("$") ? self.substring(0, self.indexOf('$')) : self;
        List<String> out = new ArrayList<>();
        for (String ref : nativeStackReferences(cm)) {
            if (ref.equals(DATA_TYPE) || ALLOWED.getOrDefault(outer, Set.of()).contains(ref)) continue;
            out.add(self.replace('/', '.') + " uses " + ref.replace('/', '.'));
        }
        return out;
    }

    /** ND4J and JavaCPP classes named in the constant pool: class entries and names inside descriptors and signatures. */
    private static Set<String> nativeStackReferences(ClassModel cm) {
        Set<String> out = new TreeSet<>();
        for (PoolEntry e : cm.constantPool()) {
            String text = e instanceof ClassEntry c ? c.asInternalName() : e instanceof Utf8Entry u ? u.stringValue() : null;
            if (text == null) continue;
            Matcher m = NATIVE_STACK.matcher(text);
            while (m.find()) out.add(m.group());
        }
        return out;
    }

    /** A class {@code name} with one method {@code static void m() { Nd4j.zeros((long[]) null); }}. */
    private static ClassModel callingNd4jZeros(String name) {
        ClassDesc nd4j = ClassDesc.of("org.nd4j.linalg.factory.Nd4j");
        ClassDesc indArray = ClassDesc.of("org.nd4j.linalg.api.ndarray.INDArray");
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name), cb -> cb.withMethod("m",
                MethodTypeDesc.of(ConstantDescs.CD_void), ClassFile.ACC_STATIC, mb -> mb.withCode(code -> code
                        .aconst_null()
                        .invokestatic(nd4j, "zeros", MethodTypeDesc.of(indArray, ConstantDescs.CD_long.arrayType()))
                        .pop()
                        .return_())));
        return ClassFile.of().parse(bytes);
    }

    private static List<Path> classFiles() throws IOException, URISyntaxException {
        Path root = Path.of(GrpoTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), "expected the trainer's compiled classes in a folder, got " + root);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
    }
}
