package org.r1j.pipeline.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as plain Java values (maps keep their order, scalars become Long, Double, Boolean, String or
 * null) plus the line of every key and list item, so later checks can say where a bad value is. Paths look like
 * {@code stages[2].grpo.num_generations}.
 */
public final class YamlDoc {
    private final String file;
    private final Object root;
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlDoc(String file, Node node) {
        this.file = file;
        this.root = node == null ? null : convert(node, "");
    }

    public static YamlDoc read(Path path) {
        try {
            return parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(path.toString(), 0, Files.exists(path) ? "cannot read: " + e.getMessage() : "no such file");
        }
    }

    public static YamlDoc parse(String file, String text) {
        try (Reader in = new StringReader(text)) {
            return new YamlDoc(file, new Yaml(new SafeConstructor(new LoaderOptions())).compose(in));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String where = e.getProblemMark() == null ? "" : " (column " + (e.getProblemMark().getColumn() + 1) + ")";
            if (e.getContext() != null && e.getContextMark() != null && e.getContextMark().getLine() + 1 != line) {
                where += "; " + e.getContext() + " started on line " + (e.getContextMark().getLine() + 1);
            }
            throw new ConfigException(file, line, "not valid YAML: " + e.getProblem() + where);
        } catch (YAMLException | IOException e) {
            throw new ConfigException(file, 0, "not valid YAML: " + e.getMessage());
        }
    }

    public String file() {
        return file;
    }

    public Object root() {
        return root;
    }

    /** The line of a path, or of its nearest ancestor that has one (0 when none). */
    public int line(String path) {
        for (String p = path; ; ) {
            Integer l = lines.get(p);
            if (l != null) return l;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) return lines.getOrDefault("", 0);
            p = p.substring(0, cut);
        }
    }

    /** An error at a path: "file:line: path: message". */
    public ConfigException error(String path, String message) {
        return new ConfigException(file, line(path), (path.isEmpty() ? "" : path + ": ") + message);
    }

    private Object convert(Node node, String path) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw new ConfigException(file, t.getKeyNode().getStartMark().getLine() + 1, "keys must be plain names");
                }
                String childPath = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
                if (out.containsKey(k.getValue())) {
                    throw new ConfigException(file, k.getStartMark().getLine() + 1, "duplicate key '" + childPath + "'");
                }
                lines.put(childPath, k.getStartMark().getLine() + 1);
                out.put(k.getValue(), convert(t.getValueNode(), childPath));
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < s.getValue().size(); i++) out.add(convert(s.getValue().get(i), path + "[" + (i + 1) + "]"));
            return out;
        }
        return scalar((ScalarNode) node);
    }

    private static Object scalar(ScalarNode n) {
        String v = n.getValue();
        Tag tag = n.getTag();
        if (tag.equals(Tag.NULL)) return null;
        if (tag.equals(Tag.BOOL)) return Boolean.valueOf(v.toLowerCase(Locale.ROOT).matches("true|yes|on|y"));
        if (tag.equals(Tag.INT)) {
            String digits = v.replace("_", "");
            try {
                return Long.valueOf(digits);
            } catch (NumberFormatException e) {
                return new BigInteger(digits).doubleValue();
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            String f = v.replace("_", "").toLowerCase(Locale.ROOT);
            return switch (f) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> Double.valueOf(f);
            };
        }
        return v;
    }
}
