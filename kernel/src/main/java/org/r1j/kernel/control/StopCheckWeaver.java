package org.r1j.kernel.control;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites a cell class's bytecode (java.lang.classfile) so each method calls {@link StopChecks#check()} at its start
 * and before every backward branch (loops), as the JDK's {@code LocalExecutionControl} does with its own flag.
 */
public final class StopCheckWeaver implements CodeTransform {
    private static final ClassDesc STOP_CHECKS = ClassDesc.of(StopChecks.class.getName());

    private final Set<Label> seenLabels = new HashSet<>();

    public static byte[] instrument(byte[] classFile) {
        ClassFile cf = ClassFile.of();
        return cf.transformClass(cf.parse(classFile), ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(StopCheckWeaver::new)));
    }

    @Override
    public void atStart(CodeBuilder builder) {
        check(builder);
    }

    @Override
    public void accept(CodeBuilder builder, CodeElement element) {
        switch (element) {
            case LabelTarget target -> seenLabels.add(target.label());
            // A branch to a label already passed jumps backwards: a loop's back edge.
            case BranchInstruction branch when seenLabels.contains(branch.target()) -> check(builder);
            default -> { }
        }
        builder.with(element);
    }

    private static void check(CodeBuilder builder) {
        builder.invokestatic(STOP_CHECKS, "check", ConstantDescs.MTD_void);
    }
}
