package io.sluice.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG plots written beside a benchmark's JSON. */
public final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 540;

  private Charts() {
  }

  /** Lines of values against a numeric x axis, one line a series, plus an optional horizontal goal. */
  public static Path lines(Path file, String title, String xLabel, String yLabel,
                           Map<String, Map<Double, Double>> series, Double goal) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    series.forEach((name, points) -> {
      XYSeries s = new XYSeries(name);
      points.forEach(s::add);
      data.addSeries(s);
    });
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
        true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRenderer(new XYLineAndShapeRenderer(true, true));
    if (goal != null) {
      org.jfree.chart.plot.ValueMarker marker = new org.jfree.chart.plot.ValueMarker(goal, Color.RED,
          new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      marker.setLabel(String.format("goal %,.0f", goal));
      marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(marker);
    }
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    return file;
  }

  /** One bar a named value, such as the rate of each program or configuration. */
  public static Path bars(Path file, String title, String valueLabel, Map<String, Double> values) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    values.forEach((name, value) -> data.addValue(value, valueLabel, name));
    JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, data, PlotOrientation.HORIZONTAL,
        false, false, false);
    chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
    chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, Math.max(300, 80 + 60 * values.size()));
    return file;
  }
}
