using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ScottPlot;

namespace SlthGen.Samples.Reproduction;

/// <summary>
/// Experiments 3 and 4: real tickets built by <see cref="TicketBuilder"/> with the automatic
/// (smallest exact) width per layer, for random targets. Experiment 3 reads the constant
/// C = n / log2(1/δ) of Theorems 1 and 2 off a 4-8-4 target for δ = 2^-1 … 2^-8; experiment 4
/// compares the parameters of g and of the ticket with Theorem 3's lower bound against the target
/// width d (d-d-d targets) and against δ (the 4-8-4 runs).
/// </summary>
internal static class TicketExperiments
{
    /// <summary>γ = 2^-4; inputs in the default range [−1, 1].</summary>
    private const int ActivationBits = 4;

    private static readonly TicketConstruction[] s_constructions = { TicketConstruction.Depth2L, TicketConstruction.DepthLPlus1 };

    internal sealed record Run(TicketConstruction Construction, int[] Shape, int Bits, int Seed, TicketInfo Info)
    {
        /// <summary>The width each target layer needed: n_i where g has a block layer, else the copies c_{i-1} feeding it.</summary>
        public int Width(int layer) => Info.HiddenPerInput[layer] > 0 ? Info.HiddenPerInput[layer] : Info.Copies[layer - 1];
    }

    public static string Name(TicketConstruction c) => c == TicketConstruction.Depth2L ? "Theorem 1 (depth 2ℓ)" : "Theorem 2 (depth ℓ+1)";

    /// <summary>
    /// A random target: weights uniform on S_δt (t = <paramref name="bits"/>), no biases, drawn
    /// from a seed of its own; g is drawn from <paramref name="seed"/>, at δin = 2^-(b+2), reduced to δ = 2^-b.
    /// </summary>
    public static Run? Build(TicketConstruction construction, int[] shape, int bits, int seed, int threads, Report report)
    {
        var coordinates = new List<long> { Seeds.Targets, bits, seed };
        coordinates.AddRange(shape.Select(w => (long)w));
        var random = new SeededRandom(Seeds.For(coordinates.ToArray()));
        var layers = new TargetLayer[shape.Length - 1];
        for (int i = 0; i < layers.Length; i++)
        {
            var weights = new long[shape[i] * shape[i + 1]];
            for (int w = 0; w < weights.Length; w++)
            {
                weights[w] = random.NextWeight(bits);
            }

            layers[i] = new TargetLayer(shape[i], shape[i + 1], weights);
        }

        long one = 1L << ActivationBits;
        var target = new TargetNetwork(layers, new Precision(bits), new Precision(ActivationBits), -one, one);
        var settings = new TicketSettings(seed, construction, new Precision(bits + 2), new Precision(bits)) { MaxDegreeOfParallelism = threads };
        var result = TicketBuilder.Build(target, settings);
        if (result.Ticket is null)
        {
            report.Problem($"{Name(construction)}, target {string.Join("-", shape)}, δ = 2^-{bits}, seed {seed}: {result.Failure?.Message}");
            return null;
        }

        return new Run(construction, shape, bits, seed, result.Ticket.Info);
    }

    public static void RunAll(Options options, Report report)
    {
        int[] shape = { 4, 8, 4 };
        var byDelta = new List<Run>();
        var clock = Stopwatch.StartNew();
        foreach (var construction in s_constructions)
        {
            foreach (int b in options.TicketBits)
            {
                var started = clock.Elapsed;
                for (int seed = 1; seed <= options.TicketSeeds; seed++)
                {
                    if (Build(construction, shape, b, seed, options.Threads, report) is { } run)
                    {
                        byDelta.Add(run);
                    }
                }

                Console.Error.WriteLine($"  {Name(construction)}, δ = 2^-{b}: {options.TicketSeeds} tickets in {(clock.Elapsed - started).TotalSeconds:0.0} s");
            }
        }

        ConstantC(options, report, byDelta);

        var byWidth = new List<Run>();
        const int WidthBits = 4;
        foreach (var construction in s_constructions)
        {
            foreach (int d in options.Widths)
            {
                var started = clock.Elapsed;
                for (int seed = 1; seed <= options.TicketSeeds; seed++)
                {
                    if (Build(construction, new[] { d, d, d }, WidthBits, seed, options.Threads, report) is { } run)
                    {
                        byWidth.Add(run);
                    }
                }

                Console.Error.WriteLine($"  {Name(construction)}, d = {d}: {options.TicketSeeds} tickets in {(clock.Elapsed - started).TotalSeconds:0.0} s");
            }
        }

        Overparameterisation(options, report, byDelta, byWidth, WidthBits);
        Csv.Write(
            report,
            options.OutputDirectory,
            "tickets.csv",
            "construction,target,bits,seed,width_1,width_2,constant_c_1,constant_c_2,g_parameters,kept_parameters,lower_bound,instances",
            byDelta.Concat(byWidth).Select(r => Csv.Line(
                r.Construction,
                string.Join("-", r.Shape),
                r.Bits,
                r.Seed,
                r.Width(0),
                r.Width(1),
                r.Info.ConstantC[0],
                r.Info.ConstantC[1],
                r.Info.GParameters,
                r.Info.KeptParameters,
                r.Info.LowerBound,
                r.Info.InstancesSolved)));
    }

    private static void ConstantC(Options options, Report report, List<Run> runs)
    {
        report.Heading("3. The constant C = n / log2(1/δ)");
        var table = new MarkdownTable(
            "δ", "T1 layer 1: n", "T1 layer 1: C", "T1 layer 2: n", "T1 layer 2: C", "T2 layer 1: n", "T2 layer 1: C", "T2 layer 2: c", "T2 layer 2: C", "block prediction n (C)", "copy prediction c (C)");
        foreach (int b in options.TicketBits)
        {
            var t1 = runs.Where(r => r.Bits == b && r.Construction == TicketConstruction.Depth2L).ToList();
            var t2 = runs.Where(r => r.Bits == b && r.Construction == TicketConstruction.DepthLPlus1).ToList();
            int block = BlockPrediction(b), copy = Theory.PredictWidth(Math.Pow(2, b));
            table.Row(
                "2^-" + Fmt.I(b),
                Fmt.Spread(Stats.Spread(t1.Select(r => (double)r.Width(0))), "0"),
                Fmt.Spread(Stats.Spread(t1.Select(r => r.Info.ConstantC[0]))),
                Fmt.Spread(Stats.Spread(t1.Select(r => (double)r.Width(1))), "0"),
                Fmt.Spread(Stats.Spread(t1.Select(r => r.Info.ConstantC[1]))),
                Fmt.Spread(Stats.Spread(t2.Select(r => (double)r.Width(0))), "0"),
                Fmt.Spread(Stats.Spread(t2.Select(r => r.Info.ConstantC[0]))),
                Fmt.Spread(Stats.Spread(t2.Select(r => (double)r.Width(1))), "0"),
                Fmt.Spread(Stats.Spread(t2.Select(r => r.Info.ConstantC[1]))),
                Fmt.I(block) + " (" + Fmt.F(block / (double)b, "0.00") + ")",
                Fmt.I(copy) + " (" + Fmt.F(copy / (double)b, "0.00") + ")");
        }

        report.Paragraph(
            $"Target 4-8-4 with weights uniform on S_δt, δt = δ = 2^-b (both theorems' conditions hold: 2b ≥ t and b ≥ t), " +
            $"g drawn at δin = 2^-(b+2), γ = 2^-{ActivationBits}, inputs in [−1, 1]; {options.TicketSeeds} seeds (target and g), " +
            "median [min–max]. n is the automatic (smallest exact) width per input block, c the automatic number of copies " +
            "(Theorem 2's second layer reads c copies of each hidden neuron), C = width / log2(1/δ) as TicketInfo.ConstantC reports it. " +
            "The predictions are single-instance widths from Theory.PredictWidth (E[#solutions] ≥ 8 at the worst-case target): " +
            "2·PredictWidth(4^b) for a block (products of magnitude 4^b, half of the block has the right sign of a), " +
            "PredictWidth(2^b) for copies.");
        report.Table(table);

        var fit = new MarkdownTable("construction", "layer", "α (all δ)", "β (all δ)", "α (δ ≤ 2^-4)", "β (δ ≤ 2^-4)", "C at the finest δ (median)");
        var panels = new List<Chart>();
        foreach (var construction in s_constructions)
        {
            var chart = new Chart(report, "C " + construction, Name(construction), "log2(1/δ)", "C = width / log2(1/δ)");
            var bs = options.TicketBits.Select(b => (double)b).ToArray();
            for (int layer = 0; layer < 2; layer++)
            {
                var spreads = options.TicketBits.Select(b => Stats.Spread(runs.Where(r => r.Bits == b && r.Construction == construction).Select(r => r.Info.ConstantC[layer]))).ToArray();
                var widths = options.TicketBits.Select(b => Stats.Spread(runs.Where(r => r.Bits == b && r.Construction == construction).Select(r => (double)r.Width(layer))).Median).ToArray();
                string label = construction == TicketConstruction.DepthLPlus1 && layer == 1 ? "layer 2: copies c" : $"layer {layer + 1}: block width n";
                var (slope, intercept) = Stats.LinearFit(bs, widths);
                var fine = bs.Select((b, i) => (B: b, W: widths[i])).Where(p => p.B >= 4).ToArray();
                var (fineSlope, fineIntercept) = fine.Length >= 2 ? Stats.LinearFit(fine.Select(p => p.B).ToArray(), fine.Select(p => p.W).ToArray()) : (double.NaN, double.NaN);
                fit.Row(
                    Name(construction),
                    label,
                    Fmt.F(report.Check("C fit slope", slope), "0.00"),
                    Fmt.F(intercept, "0.0"),
                    Fmt.F(fineSlope, "0.00"),
                    Fmt.F(fineIntercept, "0.0"),
                    Fmt.F(spreads[^1].Median, "0.00"));
                chart.Range(bs, spreads.Select(s => s.Median).ToArray(), spreads.Select(s => s.Min).ToArray(), spreads.Select(s => s.Max).ToArray(), Chart.Palette(layer));
                chart.Points("measured " + label + " (median, min–max)", bs, spreads.Select(s => s.Median).ToArray(), Chart.Palette(layer), layer == 0 ? MarkerShape.FilledCircle : MarkerShape.FilledSquare);
            }

            chart.Curve("block prediction 2·PredictWidth(4^b)/b", bs, options.TicketBits.Select(b => BlockPrediction(b) / (double)b).ToArray(), Chart.Palette(3), LinePattern.Dashed);
            chart.Curve("block at BCP critical 2·CriticalWidth(4^b)/b", bs, options.TicketBits.Select(b => 2 * Theory.CriticalWidth(Math.Pow(4, b)) / (double)b).ToArray(), Chart.Palette(2), LinePattern.Dotted);
            if (construction == TicketConstruction.DepthLPlus1)
            {
                chart.Curve("copy prediction PredictWidth(2^b)/b", bs, options.TicketBits.Select(b => Theory.PredictWidth(Math.Pow(2, b)) / (double)b).ToArray(), Chart.Palette(4), LinePattern.Dashed);
            }

            chart.Plot.Axes.SetLimitsY(0, 36);
            chart.Legend(Alignment.UpperRight);
            panels.Add(chart);
        }

        report.Paragraph(
            "Least-squares fit of the median width against log2(1/δ), width ≈ α·log2(1/δ) + β: α is the asymptotic C, β the additive part " +
            "that makes C = α + β/log2(1/δ) fall as δ shrinks. The fit over δ ≤ 2^-4 leaves out the coarse precisions, where the floored " +
            "weights are far from uniform (see the notes). The plot clips C at 36 (δ = 2^-1 is above it; the table has the values).");
        report.Table(fit);
        Chart.SaveGrid(report, options.OutputDirectory, "constant-c.png", panels, 1400, 560);
    }

    private static void Overparameterisation(Options options, Report report, List<Run> byDelta, List<Run> byWidth, int widthBits)
    {
        report.Heading("4. Over-parameterisation against Theorem 3");
        var table = new MarkdownTable("target", "δ = δt", "construction", "widths (n₁, n₂ or c₁)", "params of g", "kept", "Theorem 3 bound", "g / bound", "kept / bound");
        foreach (int d in options.Widths)
        {
            foreach (var construction in s_constructions)
            {
                AddRow(table, byWidth.Where(r => r.Shape[0] == d && r.Construction == construction).ToList(), $"{d}-{d}-{d}", widthBits, construction);
            }
        }

        report.Paragraph(
            $"Against the width d: targets d-d-d at δ = δt = 2^-{widthBits}, {options.TicketSeeds} seeds, median [min–max]. " +
            "The bound is TicketInfo.LowerBound = Σ d_i·d_(i−1)·log2(2/δt + 1) (Theorem 3 with p = 1, per layer): the nonzero parameters " +
            "g needs so that pruning can represent every δt-quantised target of this shape. It bounds g; a single ticket represents " +
            "one target and may keep fewer.");
        report.Table(table);

        var deltaTable = new MarkdownTable("target", "δ = δt", "construction", "widths (n₁, n₂ or c₁)", "params of g", "kept", "Theorem 3 bound", "g / bound", "kept / bound");
        foreach (int b in options.TicketBits)
        {
            foreach (var construction in s_constructions)
            {
                AddRow(deltaTable, byDelta.Where(r => r.Bits == b && r.Construction == construction).ToList(), "4-8-4", b, construction);
            }
        }

        report.Paragraph("Against δ: the 4-8-4 tickets of section 3.");
        report.Table(deltaTable);

        var left = new Chart(report, "overparam d", $"Against the target width d (d-d-d, δ = 2^-{widthBits})", "d", "ratio to Theorem 3's bound (log scale)");
        var right = new Chart(report, "overparam δ", "Against δ (target 4-8-4)", "log2(1/δ)", "ratio to Theorem 3's bound (log scale)");
        var ds = options.Widths.Select(d => Math.Log2(d)).ToArray();
        var bs = options.TicketBits.Select(b => (double)b).ToArray();
        for (int i = 0; i < s_constructions.Length; i++)
        {
            var construction = s_constructions[i];
            string shortName = construction == TicketConstruction.Depth2L ? "Thm 1" : "Thm 2";
            var gd = options.Widths.Select(d => Stats.Spread(byWidth.Where(r => r.Shape[0] == d && r.Construction == construction).Select(r => r.Info.GRatioToBound)).Median).ToArray();
            var kd = options.Widths.Select(d => Stats.Spread(byWidth.Where(r => r.Shape[0] == d && r.Construction == construction).Select(r => r.Info.KeptRatioToBound)).Median).ToArray();
            var gb = options.TicketBits.Select(b => Stats.Spread(byDelta.Where(r => r.Bits == b && r.Construction == construction).Select(r => r.Info.GRatioToBound)).Median).ToArray();
            var kb = options.TicketBits.Select(b => Stats.Spread(byDelta.Where(r => r.Bits == b && r.Construction == construction).Select(r => r.Info.KeptRatioToBound)).Median).ToArray();
            left.Points($"{shortName}: g / bound", ds, gd.Select(Math.Log10).ToArray(), Chart.Palette(i), MarkerShape.FilledCircle);
            left.Points($"{shortName}: kept / bound", ds, kd.Select(Math.Log10).ToArray(), Chart.Palette(i), MarkerShape.OpenCircle);
            right.Points($"{shortName}: g / bound", bs, gb.Select(Math.Log10).ToArray(), Chart.Palette(i), MarkerShape.FilledCircle);
            right.Points($"{shortName}: kept / bound", bs, kb.Select(Math.Log10).ToArray(), Chart.Palette(i), MarkerShape.OpenCircle);
        }

        left.XTicks(ds, options.Widths.Select(d => Fmt.I(d)).ToArray());
        foreach (var chart in new[] { left, right })
        {
            var ticks = new[] { 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500 };
            chart.Plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => Fmt.F(t, "0.#")).ToArray());
            chart.Plot.Add.HorizontalLine(0, 1.5f, ScottPlot.Colors.Black, LinePattern.Dotted);
            chart.Plot.Axes.SetLimitsY(Math.Log10(0.4), Math.Log10(600));
            chart.Legend(Alignment.UpperLeft);
        }

        Chart.SaveGrid(report, options.OutputDirectory, "overparameterisation.png", new[] { left, right }, 1400, 560);
    }

    private static void AddRow(MarkdownTable table, List<Run> runs, string shape, int bits, TicketConstruction construction)
    {
        if (runs.Count == 0)
        {
            return;
        }

        string widths = construction == TicketConstruction.Depth2L
            ? Fmt.F(Stats.Spread(runs.Select(r => (double)r.Width(0))).Median, "0") + ", " + Fmt.F(Stats.Spread(runs.Select(r => (double)r.Width(1))).Median, "0")
            : Fmt.F(Stats.Spread(runs.Select(r => (double)r.Width(0))).Median, "0") + ", c = " + Fmt.F(Stats.Spread(runs.Select(r => (double)r.Width(1))).Median, "0");
        table.Row(
            shape,
            "2^-" + Fmt.I(bits),
            construction == TicketConstruction.Depth2L ? "Thm 1" : "Thm 2",
            widths,
            Fmt.Spread(Stats.Spread(runs.Select(r => (double)r.Info.GParameters)), "0"),
            Fmt.Spread(Stats.Spread(runs.Select(r => (double)r.Info.KeptParameters)), "0"),
            Fmt.F(runs[0].Info.LowerBound, "0.0"),
            Fmt.Spread(Stats.Spread(runs.Select(r => r.Info.GRatioToBound)), "0.0"),
            Fmt.Spread(Stats.Spread(runs.Select(r => r.Info.KeptRatioToBound)), "0.00"));
    }

    /// <summary>The width search's own starting point for a block layer (TicketBuilder): 2·PredictWidth(4^b).</summary>
    private static int BlockPrediction(int b) => 2 * Theory.PredictWidth(Math.Pow(4, b));
}
