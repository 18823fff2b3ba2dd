package org.r1j.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.HorizontalBarPlot;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.api.PiePlot;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;

class FigureImageTest {
    static final Table T = Table.create("t", IntColumn.indexColumn("x", 20, 0),
            DoubleColumn.create("y", java.util.stream.IntStream.range(0, 20).mapToDouble(i -> i * i)),
            StringColumn.create("k", java.util.stream.IntStream.range(0, 20).mapToObj(i -> "k" + (i % 4)).toList()));

    static BufferedImage decode(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    static int colourPixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xffffff;
                int dr = ((p >> 16) & 0xff) - ((rgb >> 16) & 0xff), dg = ((p >> 8) & 0xff) - ((rgb >> 8) & 0xff), db = (p & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db < 40 * 40) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void lineChartIsDrawnAtTheLayoutSizeInPlotlysBlue() throws Exception {
        Figure f = LinePlot.create("squares", T, "x", "y");
        f.setLayout(Layout.builder().title("squares").width(640).height(360).build());
        BufferedImage image = decode(FigureImage.png(f));
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
        assertTrue(colourPixels(image, 0x1f77b4) > 300, "the line is not drawn in plotly's first colour");
    }

    @Test
    void scatterAndBarChartsAreDrawnAndOtherKindsAreLeftToPlotly() throws Exception {
        assertTrue(colourPixels(decode(FigureImage.png(ScatterPlot.create("s", T, "x", "y"))), 0x1f77b4) > 100);
        Table bars = T.summarize("y", tech.tablesaw.aggregate.AggregateFunctions.sum).by("k");
        BufferedImage bar = decode(FigureImage.png(HorizontalBarPlot.create("bars", bars, "k", "Sum [y]")));
        assertTrue(colourPixels(bar, 0x1f77b4) > 1000, "bars missing");
        assertNull(FigureImage.png(PiePlot.create("pie", bars, "k", "Sum [y]")), "pie charts stay interactive only");
    }

    @Test
    void trainingDisplayViewCarriesTheChartImage() {
        var sink = new TrainingDisplayTest.Recorder();
        var live = new TrainingDisplay(sink, () -> 0L);
        live.onStart("grpo", 1, 3);
        live.onStep(new org.r1j.train.StepMetrics("grpo", 1, 3, java.util.Map.of("reward", 0.5), java.util.List.of(), false, ""));
        live.onStep(new org.r1j.train.StepMetrics("grpo", 2, 3, java.util.Map.of("reward", 0.7), java.util.List.of(), false, ""));
        live.onEnd(2, false);
        Html last = (Html) sink.outputs.get("id3"); // the chart output (after the Stop button and the status)
        assertNotNull(last.pngBase64());
        assertTrue(last.html().contains("data:image/png;base64," + last.pngBase64()));
    }
}
