using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ScottPlot;

namespace SlthGen.Samples.Reproduction;

/// <summary>
/// Experiment 1: the phase transition of random number partitioning (the paper's Section 3.1,
/// Lemma 1; Borgs–Chayes–Pittel). n integers uniform on {1, …, M}; an instance has a
/// <em>perfect partition</em> when some σ ∈ {−1, 1}^n has |σ·x| ≤ 1, i.e. |σ·x| = 0 if Σx is even
/// and 1 if it is odd (σ·x always has the parity of Σx). Measured exactly with
/// <see cref="NumberPartitioning.SolvePartition"/>, against κ = log2(M)/n.
/// </summary>
internal static class NppTransition
{
    /// <summary>λ_n sweep: the window is a few units wide around 0.</summary>
    private const double LambdaMin = -6, LambdaMax = 7, Log2MStep = 0.25;

    internal sealed record Point(int N, long M, int Instances, int Perfect)
    {
        public double Kappa => Theory.Kappa(N, M);

        public double Lambda => Theory.LambdaN(N, M);

        public double Measured => Perfect / (double)Instances;

        public double StdErr => Stats.ProportionError(Perfect, Instances);

        public double Upper => Lemma1Upper(N, M);

        public double Lower => Lemma1Lower(N, M);

        public double LowerTheorem4 => Theorem4Lower(N, M);

        public double Poisson => PoissonApproximation(N, M);
    }

    /// <summary>
    /// Lemma 1's upper bound (leading terms), summed over the two parities: a perfect partition is
    /// Z_{n,0} &gt; 0 (Σx even) or Z_{n,1} &gt; 0 (Σx odd), disjoint events of probability ≤ ½ each, so
    /// P ≤ min(½, E[Z_{n,0}]) + min(½, E[Z_{n,1}]) with E[Z] from Theorem 4 (Theory.NppUpperBound).
    /// </summary>
    public static double Lemma1Upper(int n, double m) =>
        Math.Min(0.5, Theory.NppUpperBound(n, m, 0)) + Math.Min(0.5, Theory.NppUpperBound(n, m, 1));

    /// <summary>Lemma 1's lower bound as the paper states it (leading terms), for both parities: 2 · 1/(2(1 + 1/ρ_n)).</summary>
    public static double Lemma1Lower(int n, double m) => 2 * Theory.NppLowerBound(n, m);

    /// <summary>
    /// The Cauchy–Schwarz bound E[Z]²/E[Z²] with both Kronecker deltas of Theorem 4's second
    /// moment: for z = z' = 0 both δ_{z+z',0} and δ_{z−z',0} fire (σ and −σ are both solutions),
    /// so E[Z_{n,0}²] = ρ²/2 + ρ and P(Z_{n,0} &gt; 0) ≳ ½/(1 + 2/ρ); for z = 1 it is ½/(1 + 1/ρ) as in the paper.
    /// </summary>
    public static double Theorem4Lower(int n, double m)
    {
        double rho = Theory.Rho(n, m);
        return (0.5 / (1 + (2 / rho))) + (0.5 / (1 + (1 / rho)));
    }

    /// <summary>
    /// Poisson approximation (Mertens' heuristic): given the parity, the number of perfect
    /// partitions {σ, −σ} is about Poisson with mean E[Z_{n,0}] = ρ_n/2 (Σx even) or
    /// E[Z_{n,1}] ≈ ρ_n (Σx odd) — the unconditional expected counts of sign vectors, since
    /// conditioning on the parity doubles a count and identifying σ with −σ halves it.
    /// </summary>
    public static double PoissonApproximation(int n, double m) =>
        1 - (0.5 * Math.Exp(-Theory.NppExpectedSolutions(n, m, 0))) - (0.5 * Math.Exp(-Theory.NppExpectedSolutions(n, m, 1)));

    /// <summary>Measures one n over λ_n ∈ [LambdaMin, LambdaMax] (M = round(2^m), m in steps of <see cref="Log2MStep"/>).</summary>
    public static List<Point> Measure(int n, int instances, int threads, Report report)
    {
        var points = new List<Point>();
        double offset = n - (0.5 * Math.Log2(n));
        long previous = 0;
        for (int i = (int)Math.Ceiling((offset + LambdaMin) / Log2MStep); i * Log2MStep <= offset + LambdaMax + 1e-9; i++)
        {
            long m = (long)Math.Round(Math.Pow(2, i * Log2MStep));
            if (m < 2 || m == previous)
            {
                continue;
            }

            previous = m;
            points.Add(MeasurePoint(n, m, instances, threads, report));
        }

        return points;
    }

    public static void Run(Options options, Report report)
    {
        report.Heading("1. Number partitioning: the phase transition");
        var all = new List<(int N, List<Point> Points)>();
        foreach (int n in options.PartitionSizes)
        {
            all.Add((n, Measure(n, options.PartitionInstances, options.Threads, report)));
        }

        var table = new MarkdownTable(
            "n", "points × instances", "κ_n (BCP)", "κ½ measured", "κ½ Poisson", "κ½ Lemma 1 upper", "κ½ Lemma 1 lower (paper)", "κ½ lower (Thm 4, both δ)", "P(κ_n) measured", "P(κ_n) Poisson", "max |meas − Poisson|");
        var violations = new MarkdownTable("n", "meas > Lemma 1 upper + 3σ", "meas < Lemma 1 lower (paper) − 3σ", "meas < lower (Thm 4, both δ) − 3σ", "|meas − Poisson| > 3σ");
        foreach (var (n, points) in all)
        {
            var kappa = points.Select(p => p.Kappa).ToArray();
            var measured = points.Select(p => p.Measured).ToArray();
            double kappaN = Theory.CriticalKappa(n);
            double half = report.Check($"NPP n={n} measured κ½", Stats.FirstCrossingDown(kappa, measured, 0.5));
            double halfError = Stats.StandardError(0.5, options.PartitionInstances) / Math.Abs(Stats.Slope(kappa, measured, half));
            double atCritical = report.Check($"NPP n={n} P(κ_n)", Stats.Interpolate(kappa, measured, kappaN));
            table.Row(
                Fmt.I(n),
                Fmt.I(points.Count) + " × " + Fmt.I(options.PartitionInstances),
                Fmt.F(kappaN),
                Fmt.F(half) + " ± " + Fmt.F(halfError),
                Fmt.F(report.Check($"NPP n={n} Poisson κ½", KappaWhere(n, m => PoissonApproximation(n, m)))),
                Fmt.F(report.Check($"NPP n={n} upper κ½", KappaWhere(n, m => Lemma1Upper(n, m)))),
                Fmt.F(report.Check($"NPP n={n} lower κ½", KappaWhere(n, m => Lemma1Lower(n, m)))),
                Fmt.F(report.Check($"NPP n={n} Theorem 4 lower κ½", KappaWhere(n, m => Theorem4Lower(n, m)))),
                Fmt.F(atCritical),
                Fmt.F(PoissonApproximation(n, Math.Pow(2, kappaN * n))),
                Fmt.F(points.Max(p => Math.Abs(p.Measured - p.Poisson))));
            violations.Row(
                Fmt.I(n),
                Count(points, p => p.Measured > p.Upper + (3 * p.StdErr) + 1e-12),
                Count(points, p => p.Measured < p.Lower - (3 * p.StdErr) - 1e-12),
                Count(points, p => p.Measured < p.LowerTheorem4 - (3 * p.StdErr) - 1e-12),
                Count(points, p => Math.Abs(p.Measured - p.Poisson) > (3 * p.StdErr) + 1e-12));
        }

        report.Paragraph(
            "P(perfect partition) for n integers uniform on {1, …, M}, M = round(2^m) with m in steps of 1/4, κ = log2(M)/n. " +
            "κ½ is where a curve crosses ½ (measured: linear interpolation between grid points, ± one standard error " +
            "through the local slope); κ_n = 1 − log2(n)/(2n) is the centre of the Borgs–Chayes–Pittel window.");
        report.Table(table);
        report.Paragraph("Grid points where the measurement lies more than three standard errors on the wrong side of a curve:");
        report.Table(violations);

        Plot(options, report, all);
        Csv.Write(
            report,
            options.OutputDirectory,
            "npp.csv",
            "n,M,kappa,lambda_n,instances,perfect,poisson,lemma1_upper,lemma1_lower,lower_theorem4",
            all.SelectMany(x => x.Points).Select(p => Csv.Line(p.N, p.M, p.Kappa, p.Lambda, p.Instances, p.Perfect, p.Poisson, p.Upper, p.Lower, p.LowerTheorem4)));
    }

    private static Point MeasurePoint(int n, long m, int instances, int threads, Report report)
    {
        var random = new SeededRandom(Seeds.For(Seeds.Partition, n, m));
        var values = new long[instances * n];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextInclusive(1, m);
        }

        var status = new SubsetSumStatus[instances];
        Parallel.For(0, instances, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
        {
            var x = values.AsSpan(k * n, n);
            long sum = 0;
            foreach (long v in x)
            {
                sum += v;
            }

            // Perfect: |σ·x| = 0 for an even sum, 1 for an odd one (Lemma 2 turns it into subset sum).
            status[k] = NumberPartitioning.SolvePartition(x, sum & 1).Status;
        });
        int over = status.Count(s => s == SubsetSumStatus.BudgetExceeded);
        if (over > 0)
        {
            report.Problem($"NPP n={n}, M={m}: {over} instances exceeded the solver's budget");
        }

        return new Point(n, m, instances, status.Count(s => s == SubsetSumStatus.Solved));
    }

    private static string Count(List<Point> points, Func<Point, bool> predicate) =>
        Fmt.I(points.Count(predicate)) + " / " + Fmt.I(points.Count);

    /// <summary>The κ at which a probability that decreases in M crosses ½ (bisection on log2 M).</summary>
    private static double KappaWhere(int n, Func<double, double> probability) =>
        Stats.Bisect(lm => 0.5 - probability(Math.Pow(2, lm)), 0, 3 * n) / n;

    private static void Plot(Options options, Report report, List<(int N, List<Point> Points)> all)
    {
        var panels = new List<Chart>();
        foreach (var (n, points) in all)
        {
            var chart = new Chart(report, $"NPP n={n}", $"n = {n}", "κ = log2(M) / n", "P(perfect partition)");
            var kappa = points.Select(p => p.Kappa).ToArray();
            var measured = points.Select(p => p.Measured).ToArray();
            chart.Range(kappa, measured, points.Select(p => p.Measured - (2 * p.StdErr)).ToArray(), points.Select(p => p.Measured + (2 * p.StdErr)).ToArray(), Chart.Palette(0));
            chart.Points($"measured ({options.PartitionInstances}/point, ±2σ)", kappa, measured, Chart.Palette(0));
            chart.Curve("Poisson, mean E[Z] (Thm 4)", kappa, points.Select(p => p.Poisson).ToArray(), Chart.Palette(1), LinePattern.Solid);
            chart.Curve("Lemma 1 upper (leading)", kappa, points.Select(p => p.Upper).ToArray(), Chart.Palette(3), LinePattern.Dashed);
            chart.Curve("Lemma 1 lower (leading, as printed)", kappa, points.Select(p => p.Lower).ToArray(), Chart.Palette(2), LinePattern.Dotted);
            chart.Curve("lower with Thm 4's both δ", kappa, points.Select(p => p.LowerTheorem4).ToArray(), Chart.Palette(4), LinePattern.DenselyDashed);
            chart.Vertical(Theory.CriticalKappa(n), Chart.Palette(7), "κ_n = 1 − log2(n)/(2n)");
            chart.Plot.Axes.SetLimitsY(-0.03, 1.03);
            chart.Legend(Alignment.LowerLeft);
            panels.Add(chart);
        }

        Chart.SaveGrid(report, options.OutputDirectory, "npp-transition.png", panels, 1500, 520);

        // Finite-size scaling: against λ_n = log2(M) + log2(n)/2 − n every n falls on one curve.
        var collapse = new Chart(report, "NPP collapse", "Finite-size scaling: κ = κ_n + λ_n / n", "λ_n = log2(M) − n + log2(n)/2", "P(perfect partition)");
        var shapes = new[] { MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond };
        for (int i = 0; i < all.Count; i++)
        {
            var (n, points) = all[i];
            collapse.Points($"measured, n = {n}", points.Select(p => p.Lambda).ToArray(), points.Select(p => p.Measured).ToArray(), Chart.Palette(i), shapes[i % shapes.Length]);
        }

        // n → ∞ with c_M → 1/3: E[Z_{n,0}] = μ = √(3/2π)·2^−λ and E[Z_{n,1}] = 2μ.
        double mu0 = Math.Sqrt(3 / (2 * Math.PI));
        var lambdas = Enumerable.Range(0, 131).Select(i => LambdaMin + (i * 0.1)).ToArray();
        collapse.Curve(
            "Poisson limit 1 − ½e^(−μ) − ½e^(−2μ), μ = √(3/2π)·2^(−λ)",
            lambdas,
            lambdas.Select(l => 1 - (0.5 * Math.Exp(-mu0 * Math.Pow(2, -l))) - (0.5 * Math.Exp(-2 * mu0 * Math.Pow(2, -l)))).ToArray(),
            ScottPlot.Colors.Black,
            LinePattern.Solid,
            2.5f);
        collapse.Plot.Axes.SetLimitsY(-0.03, 1.03);
        collapse.Legend(Alignment.LowerLeft);
        collapse.Save(options.OutputDirectory, "npp-scaling.png", 900, 560);
    }
}
