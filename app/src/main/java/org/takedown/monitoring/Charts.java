package org.takedown.monitoring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.springframework.stereotype.Component;
import org.takedown.shared.text.Texts;

/**
 * The monitor's charts as PNG images (JFreeChart), so the page and the report show them without JavaScript: removal
 * speed per month as stacked shares, and the concentration of URLs at the largest hosting companies, labelled in the
 * reader's language. Images are cached per report object and language. Thread-safe.
 */
@Component
public class Charts {

    /** The buckets' colours: within 24 h green, 24-48 h amber, over 48 h red, still online dark grey. */
    private static final Color[] BUCKET_COLOURS = {
        new Color(0x2e7d32), new Color(0xf9a825), new Color(0xc62828), new Color(0x424242)
    };

    private final Cache<MonitorReport, Map<Locale, byte[]>> removal =
            Caffeine.newBuilder().weakKeys().maximumSize(64).build();
    private final Cache<MonitorReport, Map<Locale, byte[]>> concentration =
            Caffeine.newBuilder().weakKeys().maximumSize(64).build();
    private final Texts texts;

    Charts(Texts texts) {
        this.texts = texts;
    }

    /** Stacked bars per month: the share of URLs removed within 24 h, in 24-48 h, after 48 h, and still online. */
    public byte[] removalPng(MonitorReport report, Locale language) {
        return removal.get(report, r -> new ConcurrentHashMap<>()).computeIfAbsent(language, l -> {
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            for (MonitorReport.Month month : report.monthly()) {
                String column = month.methodChange() == null ? month.month() : month.month() + " *";
                data.addValue(100 * month.removal().within24h().share(), "< 24 h", column);
                data.addValue(100 * month.removal().between24And48h().share(), "24-48 h", column);
                data.addValue(100 * month.removal().over48h().share(), "> 48 h", column);
                data.addValue(100 * month.removal().stillOnline().share(), texts.in(l, "chart.still-online"), column);
            }
            JFreeChart chart = ChartFactory.createStackedBarChart(
                    texts.in(l, "chart.removal.title"),
                    null,
                    texts.in(l, "chart.removal.axis"),
                    data,
                    PlotOrientation.VERTICAL,
                    true,
                    false,
                    false);
            CategoryPlot plot = style(chart);
            ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
            plot.getRangeAxis().setStandardTickUnits(NumberAxis.createStandardTickUnits(l));
            BarRenderer renderer = (BarRenderer) plot.getRenderer();
            for (int i = 0; i < BUCKET_COLOURS.length; i++) {
                renderer.setSeriesPaint(i, BUCKET_COLOURS[i]);
            }
            if (report.monthly().size() > 6) {
                plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
            }
            return png(chart, 900, 420);
        });
    }

    /** Bars of the URLs at the ten largest companies, and all others together. */
    public byte[] concentrationPng(MonitorReport report, Locale language) {
        return concentration.get(report, r -> new ConcurrentHashMap<>()).computeIfAbsent(language, l -> {
            String urls = texts.in(l, "chart.urls");
            DefaultCategoryDataset data = new DefaultCategoryDataset();
            List<MonitorReport.Share> ranking = report.ranking();
            long others = 0;
            for (int i = 0; i < ranking.size(); i++) {
                if (i < 10) {
                    data.addValue(ranking.get(i).urls(), urls, ranking.get(i).company());
                } else {
                    others += ranking.get(i).urls();
                }
            }
            if (others > 0) {
                data.addValue(others, urls, texts.in(l, "chart.others", ranking.size() - 10));
            }
            JFreeChart chart = ChartFactory.createBarChart(
                    texts.in(l, "chart.concentration.title", 100 * report.top4Share()),
                    null,
                    texts.in(l, "chart.concentration.axis"),
                    data,
                    PlotOrientation.HORIZONTAL,
                    false,
                    false,
                    false);
            CategoryPlot plot = style(chart);
            ((BarRenderer) plot.getRenderer()).setSeriesPaint(0, new Color(0x1565c0));
            plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits(l));
            return png(chart, 900, Math.max(240, 60 + 32 * data.getColumnCount()));
        });
    }

    private static CategoryPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xbdbdbd));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        return plot;
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a chart", e);
        }
    }
}
