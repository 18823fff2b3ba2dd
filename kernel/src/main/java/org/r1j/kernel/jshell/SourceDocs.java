package org.r1j.kernel.jshell;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.r1j.config.Knob;

/**
 * Javadoc of classes outside the JDK (JShell reads only the JDK's {@code src.zip}): r1j's own classes from their
 * module's {@code src/main/java} (next to {@code target/classes} or the module jar) and shipped libraries from the
 * {@code -sources.jar} beside their jar in the local Maven repository, which the kernel's build downloads
 * (kernel/pom.xml, {@code fetch-sources}). Each source file is parsed once with javac's tree API.
 */
public final class SourceDocs {
    /** A source file's parse: its tree and the trees' doc comments. */
    private record Parsed(CompilationUnitTree unit, Trees trees) {}

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    /**
     * The doc comment of {@code owner} (member null), of its field {@code member} (params null), or of its method or
     * constructor {@code member} ({@code "<init>"}) taking parameters of these types (as JShell prints them); null
     * when there are no sources or no comment. A record's accessor, or an undocumented builder method nested in a
     * record, gets the record's {@code @param} text of that name.
     */
    public String javadoc(Class<?> owner, String member, List<String> params) {
        Class<?> top = owner;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        Parsed p = parse(top);
        if (p == null) {
            return null;
        }
        List<String> nesting = new ArrayList<>();
        for (Class<?> c = owner; c != null; c = c.getEnclosingClass()) {
            nesting.addFirst(c.getSimpleName());
        }
        TreePath classPath = findClass(new TreePath(p.unit()), nesting, 0);
        if (classPath == null) {
            return null;
        }
        if (member == null) {
            return withKnobs(owner, p.trees().getDocComment(classPath));
        }
        String doc = memberDoc(p.trees(), classPath, member, params);
        if (doc != null) {
            return doc;
        }
        // a record component's accessor, or a builder method named after one: the record's @param
        for (TreePath c = classPath; c != null && c.getLeaf() instanceof ClassTree; c = parentClass(c)) {
            if (((ClassTree) c.getLeaf()).getKind() == Tree.Kind.RECORD) {
                String param = paramTag(withKnobs(owner.isRecord() ? owner : top, p.trees().getDocComment(c)), member);
                if (param != null) {
                    return param;
                }
            }
        }
        return null;
    }

    /**
     * A config record documents its settings on their {@link Knob} declarations rather than in {@code @param} tags:
     * those docs (with the default and the YAML key) are shown as the record's parameters.
     */
    static String withKnobs(Class<?> type, String doc) {
        if (type == null || !type.isRecord()) {
            return doc;
        }
        StringBuilder out = new StringBuilder(doc == null ? "" : doc);
        for (RecordComponent c : type.getRecordComponents()) {
            Knob k = c.getAnnotation(Knob.class);
            if (k != null) {
                out.append("\n@param ").append(c.getName()).append(' ').append(k.doc()).append(" (default ").append(k.value())
                        .append(k.yaml().isEmpty() ? "" : "; YAML " + k.yaml()).append(')');
            }
        }
        return out.toString();
    }

    private static TreePath parentClass(TreePath path) {
        TreePath up = path.getParentPath();
        while (up != null && !(up.getLeaf() instanceof ClassTree)) {
            up = up.getParentPath();
        }
        return up;
    }

    private static TreePath findClass(TreePath parent, List<String> nesting, int depth) {
        Iterable<? extends Tree> members = parent.getLeaf() instanceof CompilationUnitTree u ? u.getTypeDecls()
                : ((ClassTree) parent.getLeaf()).getMembers();
        for (Tree t : members) {
            if (t instanceof ClassTree c && c.getSimpleName().contentEquals(nesting.get(depth))) {
                TreePath path = new TreePath(parent, c);
                return depth == nesting.size() - 1 ? path : findClass(path, nesting, depth + 1);
            }
        }
        return null;
    }

    private static String memberDoc(Trees trees, TreePath classPath, String member, List<String> params) {
        ClassTree c = (ClassTree) classPath.getLeaf();
        String byName = null;
        for (Tree t : c.getMembers()) {
            if (params == null && t instanceof VariableTree v && v.getName().contentEquals(member)) {
                return trees.getDocComment(new TreePath(classPath, v));
            }
            if (params != null && t instanceof MethodTree m && m.getName().contentEquals(member)) {
                String doc = trees.getDocComment(new TreePath(classPath, m));
                if (doc != null && sameTypes(m, params)) {
                    return doc;
                }
                if (doc != null && byName == null && m.getParameters().size() == params.size()) {
                    byName = doc; // an overload JShell prints with other type names: the same arity will do
                }
            }
        }
        return byName;
    }

    private static boolean sameTypes(MethodTree m, List<String> params) {
        if (m.getParameters().size() != params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!simpleType(m.getParameters().get(i).getType().toString()).equals(simpleType(params.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** {@code java.util.List<String>} -> {@code List}; {@code Column<?>...} -> {@code Column[]}. */
    static String simpleType(String type) {
        String t = type.replaceAll("<.*>", "").replace("...", "[]").replace(" ", "");
        int dot = t.lastIndexOf('.', t.indexOf('[') < 0 ? t.length() : t.indexOf('['));
        return dot < 0 ? t : t.substring(dot + 1);
    }

    private static final Pattern TAG = Pattern.compile("(?m)^\\s*@(\\w+)\\s+(\\S+)\\s+");

    /** The text of {@code @param name} in a doc comment, up to the next block tag. */
    static String paramTag(String doc, String name) {
        if (doc == null) {
            return null;
        }
        Matcher m = TAG.matcher(doc);
        while (m.find()) {
            if (m.group(1).equals("param") && m.group(2).equals(name)) {
                int end = doc.length();
                Matcher next = Pattern.compile("(?m)^\\s*@\\w+").matcher(doc);
                if (next.find(m.end())) {
                    end = next.start();
                }
                return doc.substring(m.end(), end).strip().replaceAll("\\s*\\n\\s*", " ");
            }
        }
        return null;
    }

    private Parsed parse(Class<?> top) {
        String file = top.getName().replace('.', '/') + ".java";
        Path source = sourceRoot(top);
        if (source == null) {
            return null;
        }
        String key = source + "!" + file;
        Parsed known = parsed.get(key);
        if (known != null) {
            return known;
        }
        String text = read(source, file);
        if (text == null) {
            return null;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        SimpleJavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + file), SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(unit));
        try {
            for (CompilationUnitTree tree : task.parse()) {
                Parsed p = new Parsed(tree, Trees.instance(task));
                parsed.put(key, p);
                return p;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * Where {@code c}'s sources are: {@code module/target/classes} or {@code module/target/x.jar} -> {@code
     * module/src/main/java}; {@code x.jar} -> {@code x-sources.jar} beside it. Null if none is there.
     */
    static Path sourceRoot(Class<?> c) {
        Path location;
        try {
            var codeSource = c.getProtectionDomain().getCodeSource();
            if (codeSource == null || codeSource.getLocation() == null) {
                return null; // the JDK (JShell documents it) or cell classes
            }
            location = Path.of(codeSource.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
        Path parent = location.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("target") && parent.getParent() != null) {
            Path src = parent.getParent().resolve("src/main/java");
            if (Files.isDirectory(src)) {
                return src;
            }
        }
        String name = location.getFileName().toString();
        if (name.endsWith(".jar")) {
            Path sources = location.resolveSibling(name.substring(0, name.length() - 4) + "-sources.jar");
            if (Files.isRegularFile(sources)) {
                return sources;
            }
        }
        return null;
    }

    private static String read(Path root, String file) {
        try {
            if (Files.isDirectory(root)) {
                Path f = root.resolve(file);
                return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
            }
            try (ZipFile zip = new ZipFile(root.toFile())) {
                var entry = zip.getEntry(file);
                return entry == null ? null : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return null;
        }
    }
}
