using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using ScottPlot;

namespace SlthGen.Samples.Reproduction;

/// <summary>
/// Section 5 (<c>--scale</c>): over-parameterisation at the scale of the paper's MNIST experiment.
/// Two 784-500-10 targets, δt = γ = 2^-4, Theorem 1 with g drawn at δin = 2^-8: the random target
/// of <c>tests/SlthGen.ScaleBenchmark</c> (4-bit weights from <see cref="SeededRandom"/> seed 1, no
/// biases, inputs in [−1, 1], g seed 1) and the MNIST sample's trained network (biases, inputs in
/// [0, 1], g seed 2024). Both are swept over δ with adaptive and fixed blocks; at δ = 2^-2 every
/// instance's own smallest width is measured (<see cref="BlockWidths"/>); the automatic δ is
/// named; and Theorem 2 is built on the same random target at δ = δt = 2^-4, its coarsest δ.
/// </summary>
internal static class ScaleExperiments
{
    private const int TargetBits = 4, ActivationBits = 4, InitBits = 8;

    /// <summary>The δ at which every instance's own width is measured (the scale benchmark's and the MNIST sample's δ).</summary>
    private const int InstanceBits = 2;

    /// <summary>Theorem 2 needs δ ≤ δt: its coarsest δ, where Theorem 1 is compared with it.</summary>
    private const int Theorem2Bits = TargetBits;

    /// <summary>
    /// The target on which Theorem 1 and Theorem 2 are compared: a quarter of 784-500-10's inputs and a
    /// fifth of its hidden neurons. At 784-500-10, Theorem 2's first layer would have 2·784·500·c₁
    /// instances (c₁ = 26 copies here, ≈ 2·10^7 there) and its second layer of g c₁·500 × H₁ dense
    /// weights (≈ 6·10^8), beyond what the shared 2-core machine should be asked for.
    /// </summary>
    private static readonly int[] Theorem2Shape = { 196, 100, 10 };

    internal sealed record Row(string Target, TicketConstruction Construction, BlockLayout Blocks, int Bits, TicketInfo Info)
    {
        public string Layout => Construction == TicketConstruction.DepthLPlus1 ? "Thm 2, adaptive" : Blocks == BlockLayout.Adaptive ? "adaptive" : "fixed";
    }

    private sealed record Subject(string Name, string Short, TargetNetwork Network, long Seed);

    public static void Run(Options options, Report report)
    {
        var clock = Stopwatch.StartNew();
        var subjects = new List<Subject> { new($"{string.Join("-", options.ScaleShape)} random", "random", RandomTarget(options.ScaleShape), 1) };
        if (MnistTarget(options.MnistWeights, report) is { } mnist)
        {
            subjects.Add(new Subject("MNIST 784-500-10", "MNIST", mnist, 2024));
        }

        var rows = new List<Row>();
        var analyses = new List<BlockWidths.Analysis>();
        var chosen = new Dictionary<string, int>();
        foreach (var subject in subjects)
        {
            foreach (var blocks in new[] { BlockLayout.Adaptive, BlockLayout.Fixed })
            {
                foreach (int b in options.ScaleBits)
                {
                    var ticket = Build(subject, TicketConstruction.Depth2L, blocks, b, options.Threads, report);
                    if (ticket is null)
                    {
                        continue;
                    }

                    rows.Add(new Row(subject.Name, TicketConstruction.Depth2L, blocks, b, ticket.Info));
                    if (blocks == BlockLayout.Adaptive && b == InstanceBits)
                    {
                        var started = clock.Elapsed;
                        for (int layer = 0; layer < subject.Network.Layers.Count; layer++)
                        {
                            if (BlockWidths.Analyse(subject.Name, ticket, layer, options.Threads, report) is { } analysis)
                            {
                                analyses.Add(analysis);
                            }
                        }

                        Console.Error.WriteLine($"  {subject.Name}: every instance's own width in {(clock.Elapsed - started).TotalSeconds:0.0} s");
                    }
                }
            }

            var automatic = new TicketSettings(subject.Seed, TicketConstruction.Depth2L, new Precision(InitBits)) { MaxDegreeOfParallelism = options.Threads };
            var timer = Stopwatch.StartNew();
            if (TicketBuilder.ChooseReduced(subject.Network, automatic) is { } delta)
            {
                chosen[subject.Name] = delta.Bits;
                Console.Error.WriteLine($"  {subject.Name}: automatic δ = 2^-{delta.Bits} (chosen in {timer.Elapsed.TotalSeconds:0.0} s)");
            }
            else
            {
                report.Problem($"{subject.Name}: the automatic δ found no ticket");
            }
        }

        // Theorem 1 against Theorem 2 on a smaller random target from the same generator (see Theorem2Shape).
        var small = options.ScaleShape.SequenceEqual(Theorem2Shape) ? subjects[0] : new Subject($"{string.Join("-", Theorem2Shape)} random", "small", RandomTarget(Theorem2Shape), 1);
        foreach (var (construction, b) in new[] { (TicketConstruction.Depth2L, InstanceBits), (TicketConstruction.Depth2L, Theorem2Bits), (TicketConstruction.DepthLPlus1, Theorem2Bits) })
        {
            if (!rows.Any(r => r.Target == small.Name && r.Construction == construction && r.Blocks == BlockLayout.Adaptive && r.Bits == b)
                && Build(small, construction, BlockLayout.Adaptive, b, options.Threads, report) is { } ticket)
            {
                rows.Add(new Row(small.Name, construction, BlockLayout.Adaptive, b, ticket.Info));
            }
        }

        Tables(options, report, subjects, rows, chosen);
        ComparisonTable(report, small, rows);
        WidthTable(report, rows, analyses);
        OverparameterisationChart(options, report, subjects, rows);
        WidthsChart(options, report, rows, analyses);
        Csv.Write(
            report,
            options.OutputDirectory,
            "scale.csv",
            "target,construction,blocks,bits,n1_min,n1_median,n1_max,hidden_1,n2_min,n2_median,n2_max,hidden_2,c_1,g_parameters,support_parameters,kept_parameters,lower_bound,instances",
            rows.Select(r =>
            {
                var (min1, med1, max1) = Spread(r.Info, 0);
                var (min2, med2, max2) = Spread(r.Info, 1);
                return Csv.Line(r.Target, r.Construction, r.Blocks, r.Bits, min1, med1, max1, r.Info.HiddenWidth(0), min2, med2, max2, r.Info.HiddenWidth(1), r.Info.Copies[0], r.Info.GParameters, r.Info.GSupportParameters, r.Info.KeptParameters, r.Info.LowerBound, r.Info.InstancesSolved);
            }));
        Csv.Write(
            report,
            options.OutputDirectory,
            "scale-widths.csv",
            "target,bits,layer,kind,width,count",
            analyses.SelectMany(a =>
                new[] { ("instance", a.Instances), ("side", a.Sides), ("block", a.Blocks) }
                    .SelectMany(k => k.Item2.Select((count, w) => (k.Item1, w, count)).Where(p => p.count > 0)
                        .Select(p => Csv.Line(a.Target, a.Bits, a.Layer + 1, p.Item1, p.w, p.count)))));
    }

    /// <summary>The scale benchmark's target: 4-bit weights from SeededRandom(1), layer after layer, row-major; no biases; inputs in [−1, 1].</summary>
    private static TargetNetwork RandomTarget(int[] shape)
    {
        var random = new SeededRandom(1);
        var layers = new List<TargetLayer>();
        for (int i = 1; i < shape.Length; i++)
        {
            var w = new long[shape[i] * shape[i - 1]];
            for (int k = 0; k < w.Length; k++)
            {
                w[k] = random.NextWeight(TargetBits);
            }

            layers.Add(new TargetLayer(shape[i - 1], shape[i], w));
        }

        long one = 1L << ActivationBits;
        return new TargetNetwork(layers, new Precision(TargetBits), new Precision(ActivationBits), -one, one);
    }

    /// <summary>The MNIST sample's target (W1, b1, W2, b2 in units of 2^-4; inputs in [0, 1]), or null with a problem if the file is missing.</summary>
    private static TargetNetwork? MnistTarget(string path, Report report)
    {
        if (!File.Exists(path))
        {
            report.Problem($"{path} not found (run from the repository root, or pass --mnist FILE.npz)");
            return null;
        }

        var archive = NpzArchive.ReadFile(path);
        var layers = new List<TargetLayer>();
        for (int i = 1; archive.Contains("W" + Fmt.I(i)); i++)
        {
            var w = archive["W" + Fmt.I(i)];
            var shape = w.GetShape();
            long[]? biases = archive.TryGet("b" + Fmt.I(i), out var b) ? b.ToInt64Array() : null;
            layers.Add(new TargetLayer(shape[1], shape[0], w.ToInt64Array(), biases));
        }

        return new TargetNetwork(layers, new Precision(TargetBits), new Precision(ActivationBits), 0, 1L << ActivationBits);
    }

    private static Ticket? Build(Subject subject, TicketConstruction construction, BlockLayout blocks, int bits, int threads, Report report)
    {
        var settings = new TicketSettings(subject.Seed, construction, new Precision(InitBits), new Precision(bits)) { MaxDegreeOfParallelism = threads, Blocks = blocks };
        var clock = Stopwatch.StartNew();
        var result = TicketBuilder.Build(subject.Network, settings);
        if (result.Ticket is not { } ticket)
        {
            report.Problem($"{subject.Name}, {TicketExperiments.Name(construction)}, {blocks} blocks, δ = 2^-{bits}: {result.Failure?.Message}");
            return null;
        }

        var info = ticket.Info;
        Console.Error.WriteLine($"  {subject.Name}, {TicketExperiments.Name(construction)}, {blocks} blocks, δ = 2^-{bits}: g {Fmt.F(info.GRatioToBound, "0.00")}×, support {Fmt.F(info.SupportRatioToBound, "0.00")}×, kept {Fmt.F(info.KeptRatioToBound, "0.00")}× the bound; built in {clock.Elapsed.TotalSeconds:0.0} s");
        return ticket;
    }

    /// <summary>min, median, max of n_j for a block layer (fixed blocks: n three times); zeros where the layer has none.</summary>
    private static (int Min, int Median, int Max) Spread(TicketInfo info, int layer)
    {
        var widths = info.BlockWidths(layer).ToArray();
        if (widths.Length == 0)
        {
            int n = info.HiddenPerInput[layer];
            return (n, n, n);
        }

        Array.Sort(widths);
        return (widths[0], widths[widths.Length / 2], widths[^1]);
    }

    private static string Layer(Row row, int layer)
    {
        var info = row.Info;
        if (row.Construction == TicketConstruction.DepthLPlus1 && layer > 0)
        {
            return "reads c₁ = " + Fmt.I(info.Copies[layer - 1]) + " copies";
        }

        var (min, median, max) = Spread(info, layer);
        string hidden = info.HiddenWidth(layer).ToString("N0", CultureInfo.InvariantCulture);
        return row.Blocks == BlockLayout.Fixed ? $"n = {max}, H = {hidden}" : $"{min}–{max} ({median}), H = {hidden}";
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void Tables(Options options, Report report, List<Subject> subjects, List<Row> rows, Dictionary<string, int> chosen)
    {
        report.Heading("5. At scale: 784-500-10");
        report.Paragraph(
            "Theorem 1 (Theorem 2 where marked), δt = γ = 2^-4, g drawn at δin = 2^-8. Random target: tests/SlthGen.ScaleBenchmark's " +
            $"({string.Join("-", options.ScaleShape)}, 4-bit weights from SeededRandom(1), no biases, inputs in [−1, 1], g seed 1). " +
            "MNIST: the MNIST sample's network (Samples/Mnist.Ticket/mnist-4bit.npz, biases, inputs in [0, 1], g seed 2024). " +
            "Layer columns: n_j min–max (median) per input block and g's hidden width H (fixed blocks: the one n). " +
            "Support: g's weights that any ticket of the construction could keep (block layers block-diagonal). " +
            "Theorem 3's bound: Σ d_i·d_(i−1)·log2(2/δt + 1).");
        foreach (var subject in subjects)
        {
            var table = new MarkdownTable("δ", "blocks", "layer 1: n_j (median), H₁", "layer 2: n_j (median), H₂", "params of g", "g / bound", "support / bound", "kept / bound", "instances");
            foreach (var row in rows.Where(r => r.Target == subject.Name && r.Construction == TicketConstruction.Depth2L).OrderBy(r => r.Blocks).ThenBy(r => r.Bits))
            {
                table.Row(
                    "2^-" + Fmt.I(row.Bits),
                    row.Layout,
                    Layer(row, 0),
                    Layer(row, 1),
                    Count(row.Info.GParameters),
                    Fmt.F(row.Info.GRatioToBound, "0.00") + "×",
                    Fmt.F(row.Info.SupportRatioToBound, "0.00") + "×",
                    Fmt.F(row.Info.KeptRatioToBound, "0.00") + "×",
                    Count(row.Info.InstancesSolved));
            }

            var bound = rows.First(r => r.Target == subject.Name).Info.LowerBound;
            var adaptive = rows.Where(r => r.Target == subject.Name && r.Construction == TicketConstruction.Depth2L && r.Blocks == BlockLayout.Adaptive).ToList();
            var fixedRows = rows.Where(r => r.Target == subject.Name && r.Blocks == BlockLayout.Fixed).ToList();
            string best = adaptive.Count == 0 ? "n/a" : "2^-" + Fmt.I(adaptive.MinBy(r => r.Info.GParameters)!.Bits);
            string bestFixed = fixedRows.Count == 0 ? "n/a" : "2^-" + Fmt.I(fixedRows.MinBy(r => r.Info.GParameters)!.Bits);
            string auto = chosen.TryGetValue(subject.Name, out int bits) ? "2^-" + Fmt.I(bits) : "n/a";
            report.Paragraph(
                $"{subject.Name}: Theorem 3's bound {bound.ToString("N1", CultureInfo.InvariantCulture)}. Fewest parameters of g: δ = {best} (adaptive), {bestFixed} (fixed). " +
                $"The automatic δ (TicketBits = 0, judged on the first {TicketBuilder.ProbeBlocks} blocks of each block layer) picks {auto}.");
            report.Table(table);
        }
    }

    private static void ComparisonTable(Report report, Subject subject, List<Row> rows)
    {
        var table = new MarkdownTable("construction", "δ", "layer 1: n_j (median), H₁", "layer 2", "params of g", "g / bound", "support / bound", "kept / bound", "instances");
        foreach (var row in rows.Where(r => r.Target == subject.Name && r.Blocks == BlockLayout.Adaptive && (r.Construction == TicketConstruction.DepthLPlus1 || r.Bits == InstanceBits || r.Bits == Theorem2Bits))
            .OrderBy(r => r.Construction).ThenBy(r => r.Bits))
        {
            table.Row(
                TicketExperiments.Name(row.Construction),
                "2^-" + Fmt.I(row.Bits),
                Layer(row, 0),
                Layer(row, 1),
                Count(row.Info.GParameters),
                Fmt.F(row.Info.GRatioToBound, "0.00") + "×",
                Fmt.F(row.Info.SupportRatioToBound, "0.00") + "×",
                Fmt.F(row.Info.KeptRatioToBound, "0.00") + "×",
                Count(row.Info.InstancesSolved));
        }

        report.Paragraph(
            $"Theorem 1 against Theorem 2 on {subject.Name} (the same generator, SeededRandom(1), no biases, inputs in [−1, 1], g seed 1; " +
            $"Theorem 3's bound {rows.First(r => r.Target == subject.Name).Info.LowerBound.ToString("N1", CultureInfo.InvariantCulture)}), adaptive blocks. Theorem 2 needs δ ≤ δt, " +
            $"so it starts at 2^-{Theorem2Bits}; its g has no zero weights, its second layer reads c₁ copies of every hidden neuron, and the " +
            "first layer's instances are c₁ times as many. Its second layer of g (c₁·d₁ × H₁) is dense in the support.");
        report.Table(table);
    }

    private static void WidthTable(Report report, List<Row> rows, List<BlockWidths.Analysis> analyses)
    {
        var table = new MarkdownTable("target", "layer", "instances", "own width: median / 99% / 99.99% / max", "block sides", "P_j, N_j: median / max", "blocks", "n_j: min / median / max", "Σ n_j", "H", "fixed n (same δ)");
        foreach (var a in analyses)
        {
            var fixedRow = rows.FirstOrDefault(r => r.Target == a.Target && r.Blocks == BlockLayout.Fixed && r.Bits == a.Bits);
            long sum = a.Blocks.Select((count, w) => count * w).Sum();
            table.Row(
                a.Target,
                Fmt.I(a.Layer + 1),
                Count(a.InstanceCount),
                string.Join(" / ", new[] { 0.5, 0.99, 0.9999 }.Select(q => Fmt.I(BlockWidths.Analysis.Quantile(a.Instances, q)))) + " / " + Fmt.I(a.MaxInstance),
                Count(a.SideCount),
                Fmt.I(BlockWidths.Analysis.Quantile(a.Sides, 0.5)) + " / " + Fmt.I(a.MaxSide),
                Count(a.BlockCount),
                Fmt.I(BlockWidths.Analysis.Smallest(a.Blocks)) + " / " + Fmt.I(BlockWidths.Analysis.Quantile(a.Blocks, 0.5)) + " / " + Fmt.I(a.MaxBlock),
                Count(sum),
                Count(a.Hidden),
                fixedRow is null ? "n/a" : Fmt.I(fixedRow.Info.HiddenPerInput[a.Layer]));
        }

        report.Paragraph(
            $"Widths at δ = 2^-{InstanceBits}, adaptive blocks. An instance is one target weight on one side (the neurons with a > 0 serve " +
            "positive inputs, those with a < 0 negative ones; inputs that are never negative have one side). Its own width is the fewest of " +
            "its side's neurons, in the block's offer order, that already contain an exact solution; a side's width (P_j or N_j) is the " +
            "largest own width among its instances (checked: equal for every side); n_j = P_j + N_j. The blocks are re-derived from " +
            "docs/random-network.md's layout and checked against the ticket. Fixed blocks: one n for every block, counting neurons of " +
            "both signs and the zero weights.");
        report.Table(table);
    }

    private static void OverparameterisationChart(Options options, Report report, List<Subject> subjects, List<Row> rows)
    {
        var charts = new List<Chart>();
        var ticks = new[] { 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200 };
        foreach (var subject in subjects)
        {
            var chart = new Chart(report, "scale " + subject.Short, $"{subject.Name}: Theorem 1, δt = 2^-4, δin = 2^-8", "δ", "ratio to Theorem 3's bound (log scale)");
            var quantities = new (string Label, Func<TicketInfo, double> Ratio)[]
            {
                ("g dense", i => i.GRatioToBound),
                ("g on the support", i => i.SupportRatioToBound),
                ("kept", i => i.KeptRatioToBound),
            };
            foreach (var (blocks, shape, name) in new[] { (BlockLayout.Adaptive, MarkerShape.FilledCircle, "adaptive"), (BlockLayout.Fixed, MarkerShape.OpenCircle, "fixed") })
            {
                var series = rows.Where(r => r.Target == subject.Name && r.Construction == TicketConstruction.Depth2L && r.Blocks == blocks).OrderBy(r => r.Bits).ToList();
                if (series.Count == 0)
                {
                    continue;
                }

                for (int q = 0; q < quantities.Length; q++)
                {
                    chart.Points(
                        $"{quantities[q].Label}, {name}",
                        series.Select(r => (double)r.Bits).ToArray(),
                        series.Select(r => Math.Log10(quantities[q].Ratio(r.Info))).ToArray(),
                        Chart.Palette(q),
                        shape);
                }
            }

            chart.Plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => Fmt.F(t, "0.#")).ToArray());
            chart.Plot.Add.HorizontalLine(0, 1.5f, Colors.Black, LinePattern.Dotted);
            var goal = chart.Plot.Add.HorizontalLine(Math.Log10(30), 1, Colors.Gray, LinePattern.Dashed);
            goal.LegendText = "issue 13: g ≤ 30×, support ≤ 8×";
            chart.Plot.Add.HorizontalLine(Math.Log10(8), 1, Colors.Gray, LinePattern.Dashed);
            chart.Plot.Axes.SetLimitsY(Math.Log10(0.2), Math.Log10(200));
            chart.Plot.Axes.SetLimitsX(options.ScaleBits.Min() - 0.5, options.ScaleBits.Max() + 0.5);
            chart.XTicks(options.ScaleBits.Select(b => (double)b).ToArray(), options.ScaleBits.Select(b => "2^-" + Fmt.I(b)).ToArray());
            chart.Plot.ShowLegend(Edge.Right);
            charts.Add(chart);
        }

        Chart.SaveGrid(report, options.OutputDirectory, "scale-overparameterisation.png", charts, 1100, 1000, rows: charts.Count);
    }

    private static void WidthsChart(Options options, Report report, List<Row> rows, List<BlockWidths.Analysis> analyses)
    {
        var charts = new List<Chart>();
        var ticks = new[] { 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1 };
        foreach (var a in analyses)
        {
            var chart = new Chart(report, $"widths {a.Target} {a.Layer}", $"{a.Target}, layer {a.Layer + 1} (δ = 2^-{a.Bits}, adaptive)", "width w (neurons)", "fraction with width ≥ w (log scale)");
            var kinds = new[]
            {
                ($"instances' own widths ({Count(a.InstanceCount)})", a.Instances),
                ($"block sides P_j, N_j ({Count(a.SideCount)})", a.Sides),
                ($"blocks n_j = P_j + N_j ({Count(a.BlockCount)})", a.Blocks),
            };
            double floor = Math.Log10(0.5 / a.InstanceCount);
            for (int k = 0; k < kinds.Length; k++)
            {
                var (label, histogram) = kinds[k];
                if (k == 1 && a.SideCount == a.BlockCount)
                {
                    continue; // one side per block (inputs never negative): the sides are the blocks
                }

                long total = histogram.Sum(), atLeast = total;
                var xs = new List<double>();
                var ys = new List<double>();
                for (int w = 0; w < histogram.Length; w++)
                {
                    xs.Add(w);
                    ys.Add(Math.Log10(atLeast / (double)total));
                    atLeast -= histogram[w];
                }

                if (k == 1)
                {
                    chart.Curve(label, xs, ys, Chart.Palette(k), LinePattern.Dashed, 1.5f);
                }
                else
                {
                    chart.Points(label, xs, ys, Chart.Palette(k), MarkerShape.None);
                }
            }

            chart.Vertical(a.MaxBlock, Chart.Palette(2), $"largest n_j = {a.MaxBlock}");
            if (rows.FirstOrDefault(r => r.Target == a.Target && r.Blocks == BlockLayout.Fixed && r.Bits == a.Bits) is { } fixedRow)
            {
                int n = fixedRow.Info.HiddenPerInput[a.Layer];
                chart.Vertical(n, Chart.Palette(3), $"fixed blocks: n = {n}");
            }

            chart.Plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => t >= 0.01 ? Fmt.F(t, "0.##") : "1e" + Fmt.I((long)Math.Round(Math.Log10(t)))).ToArray());
            chart.Plot.Axes.SetLimitsY(floor, 0.15);
            chart.Plot.Axes.SetLimitsX(0, 150);
            chart.Legend(Alignment.LowerRight);
            charts.Add(chart);
        }

        if (charts.Count > 0)
        {
            Chart.SaveGrid(report, options.OutputDirectory, "scale-widths.png", charts, 1400, 1000, rows: (charts.Count + 1) / 2);
        }
    }
}
