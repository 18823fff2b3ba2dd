package org.r1j.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Kernels.SIGNATURES says exactly what r1j_kernels.cu declares: a mismatch would pass garbage to a kernel. */
class KernelSignaturesTest {
    static Map<String, List<KernelArgs.Kind>> declared(String source) {
        Map<String, List<KernelArgs.Kind>> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("__global__\\s+void\\s+(?:__launch_bounds__\\(\\d+\\)\\s+)?(r1j_\\w+)\\s*\\(([^)]*)\\)").matcher(source);
        while (m.find()) {
            List<KernelArgs.Kind> kinds = new ArrayList<>();
            for (String p : m.group(2).split(",")) {
                String t = p.trim();
                if (t.isEmpty()) continue;
                if (t.contains("*")) kinds.add(KernelArgs.Kind.PTR);
                else if (t.startsWith("int ")) kinds.add(KernelArgs.Kind.I32);
                else if (t.startsWith("long ")) kinds.add(KernelArgs.Kind.I64);
                else if (t.startsWith("float ")) kinds.add(KernelArgs.Kind.F32);
                else if (t.startsWith("double ")) kinds.add(KernelArgs.Kind.F64);
                else throw new AssertionError(m.group(1) + ": parameter type of '" + t + "' is none of pointer/int/long/float/double");
            }
            out.put(m.group(1), kinds);
        }
        return out;
    }

    @Test
    void javaSignaturesEqualTheCudaDeclarations() throws Exception {
        Map<String, List<KernelArgs.Kind>> cu = declared(Files.readString(Path.of("src/main/cuda/r1j_kernels.cu")));
        Map<String, List<KernelArgs.Kind>> java = new LinkedHashMap<>();
        Kernels.SIGNATURES.forEach((k, v) -> java.put(k, v.params()));
        assertEquals(cu, java);
    }
}
