using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SlthGen.Samples.Reproduction;

/// <summary>
/// The run's results: Markdown (printed as it is produced and written to results.md) and the
/// problems that make the run fail — a NaN, an empty series, an instance over the solver's budget,
/// a ticket that could not be built.
/// </summary>
internal sealed class Report
{
    private readonly StringBuilder _markdown = new();
    private readonly List<string> _problems = new();

    /// <summary>Everything written so far.</summary>
    public string Markdown => _markdown.ToString();

    /// <summary>What went wrong; the run fails when this is not empty.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>A "## " heading.</summary>
    public void Heading(string text) => Write("## " + text + "\n\n");

    /// <summary>A paragraph.</summary>
    public void Paragraph(string text) => Write(text + "\n\n");

    /// <summary>A table.</summary>
    public void Table(MarkdownTable table) => Write(table.Render() + "\n");

    /// <summary>Records a problem (the run will exit with code 1).</summary>
    public void Problem(string message)
    {
        _problems.Add(message);
        Console.Error.WriteLine("PROBLEM: " + message);
    }

    /// <summary>Records a problem if the series is empty, the lengths differ or a value is not finite; returns whether it is usable.</summary>
    public bool CheckSeries(string name, IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        if (xs.Count == 0 || ys.Count == 0)
        {
            Problem($"series '{name}' is empty");
            return false;
        }

        if (xs.Count != ys.Count)
        {
            Problem(string.Create(CultureInfo.InvariantCulture, $"series '{name}' has {xs.Count} x values but {ys.Count} y values"));
            return false;
        }

        for (int i = 0; i < xs.Count; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
            {
                Problem(string.Create(CultureInfo.InvariantCulture, $"series '{name}' has a non-finite point ({xs[i]}, {ys[i]}) at index {i}"));
                return false;
            }
        }

        return true;
    }

    /// <summary>Records a problem if the value is NaN or infinite; returns the value.</summary>
    public double Check(string name, double value)
    {
        if (!double.IsFinite(value))
        {
            Problem(string.Create(CultureInfo.InvariantCulture, $"'{name}' is {value}"));
        }

        return value;
    }

    private void Write(string text)
    {
        _markdown.Append(text);
        Console.Write(text);
    }
}

/// <summary>A GitHub-flavoured Markdown table, padded so that it also reads well in a terminal.</summary>
internal sealed class MarkdownTable
{
    private readonly string[] _header;
    private readonly List<string[]> _rows = new();

    public MarkdownTable(params string[] header) => _header = Escape(header);

    public void Row(params string[] cells)
    {
        if (cells.Length != _header.Length)
        {
            throw new ArgumentException($"A row needs {_header.Length} cells; got {cells.Length}.", nameof(cells));
        }

        _rows.Add(Escape(cells));
    }

    public string Render()
    {
        var widths = new int[_header.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = Math.Max(3, _header[c].Length);
            foreach (var row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var s = new StringBuilder();
        Line(s, _header, widths);
        s.Append('|');
        foreach (int w in widths)
        {
            s.Append(' ').Append('-', w).Append(" |");
        }

        s.Append('\n');
        foreach (var row in _rows)
        {
            Line(s, row, widths);
        }

        return s.ToString();
    }

    /// <summary>A '|' inside a cell would end it: escape it.</summary>
    private static string[] Escape(string[] cells) => Array.ConvertAll(cells, c => c.Replace("|", "\\|", StringComparison.Ordinal));

    private static void Line(StringBuilder s, string[] cells, int[] widths)
    {
        s.Append('|');
        for (int c = 0; c < cells.Length; c++)
        {
            s.Append(' ').Append(cells[c].PadRight(widths[c])).Append(" |");
        }

        s.Append('\n');
    }
}

/// <summary>Invariant number formatting.</summary>
internal static class Fmt
{
    public static string F(double value, string format = "0.000") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"median [min–max]".</summary>
    public static string Spread((double Min, double Median, double Max) s, string format = "0.00") =>
        F(s.Median, format) + " [" + F(s.Min, format) + "–" + F(s.Max, format) + "]";
}

/// <summary>Comma-separated data files beside the plots (invariant culture, "R" round-trip doubles).</summary>
internal static class Csv
{
    public static string Line(params object[] cells)
    {
        var parts = new string[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            parts[i] = cells[i] switch
            {
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other?.ToString() ?? string.Empty,
            };
        }

        return string.Join(",", parts);
    }

    public static void Write(Report report, string directory, string file, string header, IEnumerable<string> lines)
    {
        var text = new StringBuilder(header).Append('\n');
        int count = 0;
        foreach (string line in lines)
        {
            text.Append(line).Append('\n');
            count++;
        }

        if (count == 0)
        {
            report.Problem($"{file} has no rows");
        }

        System.IO.File.WriteAllText(System.IO.Path.Combine(directory, file), text.ToString());
    }
}
