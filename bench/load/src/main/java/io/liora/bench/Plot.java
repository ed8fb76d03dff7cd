package io.liora.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The plot of docs/benchmarks.md from the RESULT rows of deploy/local/bench.sh: above, answered
 * messages/s against offered; below, webhook and end-to-end p99 (log scale) with the aims.
 *
 * <p>Usage: {@code Plot <results.tsv> <out.png> <title>}
 */
public final class Plot {

    public static void main(String[] args) throws Exception {
        List<String[]> rows = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")).filter(r -> r[0].equals("step") || r[0].equals("search"))
                .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r[1]))).toList();
        XYSeries offered = new XYSeries("offered");
        XYSeries answered = new XYSeries("answered msg/s");
        XYSeries ackP99 = new XYSeries("webhook ack p99 (ms)");
        XYSeries e2eP99 = new XYSeries("end-to-end p99 (ms)");
        for (String[] r : rows) {
            double rate = Double.parseDouble(r[1]);
            offered.add(rate, rate);
            answered.add(rate, Double.parseDouble(r[11]));
            ackP99.add(rate, Math.max(0.1, Double.parseDouble(r[6])));
            e2eP99.add(rate, Math.max(0.1, Double.parseDouble(r[9])));
        }
        NumberAxis rateAxis = new NumberAxis("offered messages/s");
        XYPlot throughput = new XYPlot(collection(offered, answered), null, new NumberAxis("messages/s"),
                renderer(Color.GRAY, new Color(0x1f77b4)));
        LogarithmicAxis latencyAxis = new LogarithmicAxis("p99 latency (ms, log)");
        latencyAxis.setAllowNegativesFlag(false);
        XYPlot latency = new XYPlot(collection(ackP99, e2eP99), null, latencyAxis,
                renderer(new Color(0x2ca02c), new Color(0xd62728)));
        latency.addRangeMarker(aim(50));
        latency.addRangeMarker(aim(1000));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(rateAxis);
        plot.add(throughput, 1);
        plot.add(latency, 1);
        JFreeChart chart = new JFreeChart(args.length > 2 ? args[2] : "Liora webhook load", plot);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(new File(args[1]), chart, 900, 700);
        System.out.println("plot: " + args[1]);
    }

    private static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection collection = new XYSeriesCollection();
        for (XYSeries s : series) {
            collection.addSeries(s);
        }
        return collection;
    }

    private static XYLineAndShapeRenderer renderer(Color... colors) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colors.length; i++) {
            renderer.setSeriesPaint(i, colors[i]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        return renderer;
    }

    private static ValueMarker aim(double ms) {
        ValueMarker marker = new ValueMarker(ms, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        marker.setLabel("aim " + (int) ms + " ms");
        marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        return marker;
    }
}
