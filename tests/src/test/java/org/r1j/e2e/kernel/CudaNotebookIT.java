package org.r1j.e2e.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.r1j.e2e.FakeCudaDevice;
import org.r1j.e2e.R1jCli;

/**
 * The notebook kernel on the cuda backend: a kernel installed from a shell with {@code R1J_BACKEND=cuda} (and the
 * library path of the host stand-in for the GPU, {@link FakeCudaDevice}) keeps both in its kernelspec, and the
 * quick-start notebook (cold-start SFT, evaluation, GRPO with a live display and charts) runs top to bottom on it,
 * and a background job ({@code %%background}, its own thread) then samples from the same model on the device while
 * the cells go on. A cell appended at the end asks the model where it ran.
 */
class CudaNotebookIT {
    @TempDir
    static Path work;

    @Test
    void theQuickStartNotebookRunsOnTheCudaBackend() throws Exception {
        Jupyter.requirePythonModules("nbclient", "nbformat");
        Map<String, String> cuda = FakeCudaDevice.env();
        Path jupyterPath = Jupyter.installKernel(work.resolve("prefix"), "r1jcuda", cuda);
        ObjectMapper json = new ObjectMapper();
        JsonNode spec = json.readTree(jupyterPath.resolve("kernels/r1jcuda/kernel.json").toFile());
        assertEquals("cuda", spec.path("env").path("R1J_BACKEND").asText(), "the kernelspec keeps the backend: " + spec);
        assertEquals(cuda.get("R1J_CUDA_LIBRARY_PATH"), spec.path("env").path("R1J_CUDA_LIBRARY_PATH").asText(), spec.toString());

        ObjectNode nb = (ObjectNode) json.readTree(R1jCli.root().resolve("notebooks/01-quickstart.ipynb").toFile());
        ArrayNode cells = (ArrayNode) nb.get("cells");
        // a background job (its own thread) samples on the device, then a cell reads its result
        addCell(cells, "String[] bgResult = new String[1];");
        addCell(cells, "%%background cudaeval\nbgResult[0] = \"pass@1 \" + evaluator.evaluate(new ModelSampler(model, tok), heldOut.subList(0, 4)).passAt1();");
        addCell(cells, "var cudaJob = org.r1j.kernel.background.Background.job(\"cudaeval\");\ncudaJob.await(java.time.Duration.ofMinutes(5));\n"
                + "\"job \" + cudaJob.state() + \" \" + cudaJob.error() + \" \" + bgResult[0]");
        addCell(cells, "model.backend().describe()");
        Path copy = work.resolve("01-quickstart-cuda.ipynb"), out = work.resolve("executed.ipynb");
        json.writeValue(copy.toFile(), nb);

        JsonNode summary = Jupyter.runNotebook(copy, out, "r1jcuda", jupyterPath);
        assertEquals(0, summary.get("errors").size(), summary.toString());
        assertTrue(summary.get("charts").asInt() >= 2, "the notebook's charts: " + summary);
        assertTrue(summary.get("live_displays").asInt() >= 1, "the live training display: " + summary);
        assertTrue(summary.get("text_results").toString().contains("cuda on r1j fake CUDA device (host CPU, tests only)"),
                "the model ran on the cuda backend: " + summary.get("text_results"));
        assertTrue(summary.get("text_results").toString().contains("job FINISHED null pass@1 "),
                "the background job sampled on the device from its own thread: " + summary.get("text_results"));
    }

    private static void addCell(ArrayNode cells, String source) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "code").putNull("execution_count");
        cell.putObject("metadata");
        cell.putArray("outputs");
        cell.putArray("source").add(source);
    }
}
