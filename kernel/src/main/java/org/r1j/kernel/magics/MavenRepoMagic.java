package org.r1j.kernel.magics;

import java.util.List;
import org.r1j.kernel.core.KernelContext;
import org.r1j.kernel.core.LineMagic;
import org.r1j.kernel.core.MagicException;

/** {@code %mavenRepo ID URL}: a remote repository (https:, http: or file:) for later {@code %maven}; no arguments: the list. */
public final class MavenRepoMagic implements LineMagic {
    private final MavenResolver resolver;

    public MavenRepoMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Object run(KernelContext kernel, List<String> args, String rawArgs) {
        if (args.size() == 2) {
            resolver.addRepository(args.get(0), args.get(1));
        } else if (!args.isEmpty()) {
            throw new MagicException("%mavenRepo needs an id and a URL, e.g. %mavenRepo jitpack https://jitpack.io");
        }
        resolver.repositories().forEach(r -> System.out.println(r.getId() + "  " + r.getUrl()));
        return null;
    }
}
