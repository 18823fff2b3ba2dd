package org.r1j.cuda;

import java.util.List;

/** A kernel's name and C parameter kinds as declared in r1j_kernels.cu (KernelSignaturesTest holds them equal). */
public record KernelSignature(String name, List<KernelArgs.Kind> params) {
    public static KernelSignature of(String name, KernelArgs.Kind... params) {
        return new KernelSignature(name, List.of(params));
    }

    /** Throws with both lists when {@code args} does not fit. */
    public void check(KernelArgs args) {
        if (!args.kinds().equals(params))
            throw new IllegalArgumentException(name + " takes " + params + ", got " + args.kinds());
    }
}
