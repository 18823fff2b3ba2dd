package org.r1j.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model weights in a directory, as Hugging Face stores them: one {@code model.safetensors}, or shards
 * {@code model-00001-of-0000N.safetensors} listed by {@code model.safetensors.index.json}
 * ({@code {"metadata": {"total_size": bytes}, "weight_map": {tensor: file}}}).
 */
public final class ShardedWeights {
    public static final String SINGLE = "model.safetensors";
    public static final String INDEX = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardedWeights() {
    }

    /** Which file holds each tensor (read from the index, or every tensor of the single file). */
    public static Map<String, Path> locate(Path dir) {
        Path single = dir.resolve(SINGLE);
        Path index = dir.resolve(INDEX);
        Map<String, Path> where = new LinkedHashMap<>();
        if (Files.isRegularFile(single)) {
            for (String name : Safetensors.header(single).keySet()) where.put(name, single);
            return where;
        }
        if (!Files.isRegularFile(index)) {
            throw new CheckpointException(dir + ": no weights (neither " + SINGLE + " nor " + INDEX + " exists)");
        }
        JsonNode map;
        try {
            map = JSON.readTree(Files.readString(index)).path("weight_map");
        } catch (IOException e) {
            throw new CheckpointException(index + ": cannot read: " + e.getMessage(), e);
        }
        if (!map.isObject() || map.isEmpty()) throw new CheckpointException(index + ": no \"weight_map\" object");
        map.fields().forEachRemaining(e -> where.put(e.getKey(), dir.resolve(e.getValue().asText())));
        for (Path shard : new java.util.HashSet<>(where.values())) {
            if (!Files.isRegularFile(shard)) throw new CheckpointException(index + ": lists shard " + shard.getFileName() + ", which is missing");
        }
        return where;
    }

    /** Every tensor of the directory's weights by name (floating ones as f32). */
    public static Map<String, HostArray> read(Path dir) {
        Map<String, Path> where = locate(dir);
        Map<Path, List<String>> byFile = new LinkedHashMap<>();
        where.forEach((name, file) -> byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(name));
        Map<String, HostArray> out = new LinkedHashMap<>();
        byFile.forEach((file, names) -> {
            var wanted = new java.util.HashSet<>(names);
            TensorFile tf = Safetensors.read(file, wanted::contains);
            for (String name : names) {
                HostArray t = tf.tensors().get(name);
                if (t == null) throw new CheckpointException(file + ": tensor " + name + " is listed in " + INDEX + " but not in this shard");
                out.put(name, t);
            }
        });
        return out;
    }

    /** Removes shard files of an earlier save ({@code model-NNNNN-of-NNNNN.safetensors}) that the new one does not use. */
    private static void deleteStaleShards(Path dir, java.util.Set<String> keep) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.matches("model-\\d{5}-of-\\d{5}\\.safetensors") && !keep.contains(name)) Files.delete(f);
            }
        }
    }

    /**
     * Writes {@code weights} as one {@code model.safetensors} when they fit in {@code maxShardBytes} (f32 bytes),
     * otherwise as shards plus the index. Stale weight files of the other layout are removed afterwards.
     */
    public static void write(Path dir, Map<String, HostArray> weights, long maxShardBytes) {
        if (maxShardBytes <= 0) throw new IllegalArgumentException("maxShardBytes must be > 0, got " + maxShardBytes);
        List<Map<String, HostArray>> shards = new ArrayList<>();
        Map<String, HostArray> current = new LinkedHashMap<>();
        long currentBytes = 0;
        long total = 0;
        for (Map.Entry<String, HostArray> e : weights.entrySet()) {
            long bytes = e.getValue().length() * 4;
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
            total += bytes;
        }
        shards.add(current);
        try {
            Files.createDirectories(dir);
            if (shards.size() == 1) {
                Safetensors.write(dir.resolve(SINGLE), shards.get(0), Map.of("format", "pt"));
                Files.deleteIfExists(dir.resolve(INDEX));
                deleteStaleShards(dir, java.util.Set.of());
                return;
            }
            ObjectNode index = JSON.createObjectNode();
            index.putObject("metadata").put("total_size", total);
            ObjectNode map = index.putObject("weight_map");
            for (int i = 0; i < shards.size(); i++) {
                String file = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
                Safetensors.write(dir.resolve(file), shards.get(i), Map.of("format", "pt"));
                for (String name : shards.get(i).keySet()) map.put(name, file);
            }
            AtomicFiles.writeString(dir.resolve(INDEX), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index));
            Files.deleteIfExists(dir.resolve(SINGLE));
            java.util.Set<String> written = new java.util.HashSet<>();
            map.forEach(v -> written.add(v.asText()));
            deleteStaleShards(dir, written);
        } catch (IOException e) {
            throw new CheckpointException("cannot write weights to " + dir + ": " + e.getMessage(), e);
        }
    }
}
