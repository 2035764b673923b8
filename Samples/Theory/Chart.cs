using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScottPlot;

namespace SlthGen.Samples.Reproduction;

/// <summary>
/// One ScottPlot panel with the house style; every series is checked (no NaN, not empty)
/// through the <see cref="Report"/> before it is drawn.
/// </summary>
internal sealed class Chart
{
    /// <summary>The PNGs are kept small for the repository.</summary>
    public const long MaxPngBytes = 200 * 1024;

    private static readonly Color[] s_palette =
    {
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
    };

    private readonly Report _report;
    private readonly string _name;

    public Chart(Report report, string name, string title, string xLabel, string yLabel)
    {
        _report = report;
        _name = name;
        Plot = new Plot();
        Plot.Font.Set("DejaVu Sans", FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        Plot.Title(title, 15);
        Plot.XLabel(xLabel, 13);
        Plot.YLabel(yLabel, 13);
        Plot.Legend.FontSize = 11;
    }

    public Plot Plot { get; }

    /// <summary>The i-th colour of the palette.</summary>
    public static Color Palette(int i) => s_palette[i % s_palette.Length];

    /// <summary>Measured values: markers joined by a thin line.</summary>
    public void Points(string label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, Color color, MarkerShape shape = MarkerShape.FilledCircle)
    {
        if (Add(label, xs, ys) is { } s)
        {
            s.Color = color;
            s.MarkerShape = shape;
            s.MarkerSize = 6;
            s.LineWidth = 1;
        }
    }

    /// <summary>A theory curve: a line without markers.</summary>
    public void Curve(string label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, Color color, LinePattern pattern, float width = 2)
    {
        if (Add(label, xs, ys) is { } s)
        {
            s.Color = color;
            s.MarkerSize = 0;
            s.LineWidth = width;
            s.LinePattern = pattern;
        }
    }

    /// <summary>Error bars from <paramref name="low"/> to <paramref name="high"/> around (x, y).</summary>
    public void Range(IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double> low, IReadOnlyList<double> high, Color color)
    {
        if (!_report.CheckSeries(_name + ": range low", xs, low) || !_report.CheckSeries(_name + ": range high", xs, high) || ys.Count != xs.Count)
        {
            return;
        }

        var below = ys.Zip(low, (y, l) => y - l).ToArray();
        var above = high.Zip(ys, (h, y) => h - y).ToArray();
        var zeros = new double[xs.Count];
        var bars = new ScottPlot.Plottables.ErrorBar(xs.ToArray(), ys.ToArray(), xErrorsPositive: zeros, xErrorsNegative: zeros, yErrorsPositive: above, yErrorsNegative: below)
        {
            Color = color,
            LineWidth = 1.5f,
            CapSize = 4,
        };
        Plot.PlottableList.Add(bars);
    }

    /// <summary>A vertical marker line.</summary>
    public void Vertical(double x, Color color, string? label = null)
    {
        if (!double.IsFinite(_report.Check(_name + ": vertical line", x)))
        {
            return;
        }

        var line = Plot.Add.VerticalLine(x, 1.5f, color, LinePattern.Dotted);
        if (label is not null)
        {
            line.LegendText = label;
        }
    }

    /// <summary>Ticks at the given x positions, labelled as given.</summary>
    public void XTicks(double[] positions, string[] labels) =>
        Plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);

    public void Legend(Alignment alignment) => Plot.ShowLegend(alignment);

    /// <summary>Writes one chart as a PNG.</summary>
    public void Save(string directory, string file, int width = 900, int height = 600)
    {
        string path = Path.Combine(directory, file);
        Plot.SavePng(path, width, height);
        CheckFile(_report, path);
    }

    /// <summary>Writes several charts as one PNG, in a grid of <paramref name="rows"/> rows.</summary>
    public static void SaveGrid(Report report, string directory, string file, IReadOnlyList<Chart> charts, int width, int height, int rows = 1)
    {
        var multiplot = new Multiplot(charts[0].Plot);
        for (int i = 1; i < charts.Count; i++)
        {
            multiplot.AddPlot(charts[i].Plot);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, (charts.Count + rows - 1) / rows);
        string path = Path.Combine(directory, file);
        multiplot.SavePng(path, width, height);
        CheckFile(report, path);
    }

    private static void CheckFile(Report report, string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            report.Problem($"{path} was not written");
        }
        else if (info.Length > MaxPngBytes)
        {
            report.Problem($"{path} is {info.Length / 1024} KB, above the {MaxPngBytes / 1024} KB limit");
        }
        else
        {
            System.Console.Error.WriteLine($"wrote {path} ({info.Length / 1024} KB)");
        }
    }

    private ScottPlot.Plottables.Scatter? Add(string label, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (!_report.CheckSeries(_name + ": " + label, xs, ys))
        {
            return null;
        }

        var s = Plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        s.LegendText = label;
        return s;
    }
}
