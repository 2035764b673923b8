using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace SlthGen.Samples.Reproduction;

/// <summary>
/// Experiment 2: the quantized random subset-sum problem of Lemma 5. Each of n values is a
/// product a·b of two weights of precision δ = 2^-k (in integer units: a uniform on [1, 2^k] —
/// Lemma 5 keeps only neurons with a &gt; 0 — and b uniform on [−2^k, 2^k]), so it has precision
/// δ² and magnitude at most M = 4^k; the target t is uniform on [−4^k, 4^k] (a weight of S_δ²).
/// Lemma 3 is stated for values uniform on {−M, …, −1, 1, …, M}; the paper reaches that by
/// rejection sampling. A uniform control with the same M and targets is measured beside the products.
/// </summary>
internal static class QuantizedRssp
{
    internal sealed record Point(int K, int N, int Instances, int SolvedProducts, int SolvedUniform, double UpperProducts, double UpperUniform, double PoissonProducts, double PoissonUniform, double PoissonLattice, double GcdBlocked)
    {
        public double M => Math.Pow(4, K);

        public double Products => SolvedProducts / (double)Instances;

        public double Uniform => SolvedUniform / (double)Instances;

        public double ProductsError => Stats.ProportionError(SolvedProducts, Instances);

        public double UniformError => Stats.ProportionError(SolvedUniform, Instances);

        /// <summary>Lemma 3's lower bound, leading term 1/(1 + 1/ρ_n) (independent of z).</summary>
        public double Lower => Theory.RsspLowerBound(N, M);
    }

    /// <summary>
    /// The M of a uniform distribution on {1, …, M} with the same second moment as the product
    /// a·b: (M + 1)(2M + 1)/6 = E[a²]·E[b²], with E[a²] = (A + 1)(2A + 1)/6 for a uniform on [1, A]
    /// and E[b²] = A(A + 1)/3 for b uniform on [−A, A]. Theorem 4's γ_n and Gaussian factor depend
    /// on M only through M²c_M = E[X²], so this M makes Theory's formulas those of the products.
    /// About 4^k/√3: the products are concentrated near 0 (E[X²] ≈ M²/9 instead of M²/3).
    /// </summary>
    public static double VarianceMatchedM(int k)
    {
        double a = Math.Pow(2, k);
        double second = (a + 1) * ((2 * a) + 1) / 6 * (a * (a + 1) / 3);
        return (-3 + Math.Sqrt(1 + (48 * second))) / 4;
    }

    public static int MaxN(int k) => (4 * k) + 14;

    public static Point Measure(int k, int n, int instances, int threads, Report report)
    {
        long a = 1L << k, m = a * a;
        double matched = VarianceMatchedM(k);
        var (products, productTargets) = Draw(instances, n, Seeds.For(Seeds.SubsetSum, k, n, 0), r => r.NextInclusive(1, a) * r.NextInclusive(-a, a), m);
        var (uniform, uniformTargets) = Draw(instances, n, Seeds.For(Seeds.SubsetSum, k, n, 1), r => r.NextNonZeroWeight(2 * k), m);
        var solvedProducts = Solve(products, productTargets, n, threads, report, $"RSSP k={k}, n={n}, products");
        var solvedUniform = Solve(uniform, uniformTargets, n, threads, report, $"RSSP k={k}, n={n}, uniform");
        double upperProducts = 0, upperUniform = 0, poissonProducts = 0, poissonUniform = 0, poissonLattice = 0;
        int blocked = 0;
        for (int i = 0; i < instances; i++)
        {
            double sumP = Sum(products, i, n), sumU = Sum(uniform, i, n);
            upperProducts += Theory.RsspUpperBound(n, m, productTargets[i], sumP);
            upperUniform += Theory.RsspUpperBound(n, m, uniformTargets[i], sumU);
            double expected = Theory.RsspExpectedSolutions(n, matched, productTargets[i], sumP);
            poissonProducts += 1 - Math.Exp(-expected);
            poissonUniform += 1 - Math.Exp(-Theory.RsspExpectedSolutions(n, m, uniformTargets[i], sumU));

            // The values lie on the lattice gZ (g = their gcd): no solution unless g | t, and then
            // the local limit puts g times the density on each lattice point.
            long g = Gcd(products, i, n);
            if (productTargets[i] == 0 || (g != 0 && productTargets[i] % g == 0))
            {
                poissonLattice += 1 - Math.Exp(-Math.Max(1, g) * expected);
            }
            else
            {
                blocked++;
            }
        }

        return new Point(k, n, instances, solvedProducts, solvedUniform, upperProducts / instances, upperUniform / instances, poissonProducts / instances, poissonUniform / instances, poissonLattice / instances, blocked / (double)instances);
    }

    public static void Run(Options options, Report report)
    {
        report.Heading("2. Quantized random subset sum (Lemma 3, Lemma 5's products)");
        var all = new List<List<Point>>();
        foreach (int k in options.SubsetSumBits)
        {
            var points = new List<Point>();
            for (int n = 1; n <= MaxN(k); n++)
            {
                points.Add(Measure(k, n, options.SubsetSumInstances, options.Threads, report));
            }

            all.Add(points);
        }

        var table = new MarkdownTable(
            "k", "M = 4^k", "M matched", "n½ products", "n½ uniform", "n½ Poisson products", "n½ Poisson uniform", "n½ Lemma 3 upper", "n½ Lemma 3 lower", "n95 products", "n95 uniform", "n95 Lemma 3 lower", "BCP critical n");
        var violations = new MarkdownTable(
            "k", "products > upper + 3σ", "products < lower − 3σ", "uniform > upper + 3σ", "uniform < lower − 3σ", "max |products − Poisson|", "max |products − Poisson·gcd|", "max |uniform − Poisson|");
        foreach (var points in all)
        {
            int k = points[0].K;
            var ns = points.Select(p => (double)p.N).ToArray();
            double Up(Func<Point, double> f, double level, string name) =>
                report.Check($"RSSP k={k} {name}", Stats.FirstCrossingUp(ns, points.Select(f).ToArray(), level));
            table.Row(
                Fmt.I(k),
                Fmt.I(1L << (2 * k)),
                Fmt.F(VarianceMatchedM(k), "0.0"),
                Fmt.F(Up(p => p.Products, 0.5, "n½ products"), "0.0"),
                Fmt.F(Up(p => p.Uniform, 0.5, "n½ uniform"), "0.0"),
                Fmt.F(Up(p => p.PoissonProducts, 0.5, "n½ Poisson products"), "0.0"),
                Fmt.F(Up(p => p.PoissonUniform, 0.5, "n½ Poisson uniform"), "0.0"),
                Fmt.F(Up(p => p.UpperProducts, 0.5, "n½ upper"), "0.0"),
                Fmt.F(Up(p => p.Lower, 0.5, "n½ lower"), "0.0"),
                Fmt.F(Up(p => p.Products, 0.95, "n95 products"), "0.0"),
                Fmt.F(Up(p => p.Uniform, 0.95, "n95 uniform"), "0.0"),
                Fmt.F(Up(p => p.Lower, 0.95, "n95 lower"), "0.0"),
                Fmt.I(Theory.CriticalWidth(Math.Pow(4, k))));
            violations.Row(
                Fmt.I(k),
                Count(points, p => p.Products > p.UpperProducts + (3 * p.ProductsError) + 1e-12),
                Count(points, p => p.Products < p.Lower - (3 * p.ProductsError) - 1e-12),
                Count(points, p => p.Uniform > p.UpperUniform + (3 * p.UniformError) + 1e-12),
                Count(points, p => p.Uniform < p.Lower - (3 * p.UniformError) - 1e-12),
                Fmt.F(points.Max(p => Math.Abs(p.Products - p.PoissonProducts))),
                Fmt.F(points.Max(p => Math.Abs(p.Products - p.PoissonLattice))),
                Fmt.F(points.Max(p => Math.Abs(p.Uniform - p.PoissonUniform))));
        }

        report.Paragraph(
            $"P(solvable) against n, {options.SubsetSumInstances} instances per point and per kind. n½ and n95: the (interpolated) n at which " +
            "a curve reaches 0.5 and 0.95. Lemma 3's leading terms use M = 4^k; its upper bound is averaged over the product " +
            "instances' own z = Λ − 2t. 'Poisson' is 1 − exp(−E[solutions]) averaged over the instances, with E from " +
            "Theory.RsspExpectedSolutions: M = 4^k for the uniform control, the variance-matched M for the products.");
        report.Table(table);
        report.Paragraph("Points (values of n) where the measurement lies more than three standard errors on the wrong side of a bound, and the largest gap to the Poisson prediction:");
        report.Table(violations);

        var panels = new List<Chart>();
        foreach (var points in all)
        {
            int k = points[0].K;
            var chart = new Chart(report, $"RSSP k={k}", $"k = {k}: δ = 2^-{k}, values a·b, M = 4^{k} = {1L << (2 * k)}", "n (values)", "P(solvable)");
            var ns = points.Select(p => (double)p.N).ToArray();
            chart.Points("measured, products a·b", ns, points.Select(p => p.Products).ToArray(), Chart.Palette(0));
            chart.Curve("Poisson, variance-matched M", ns, points.Select(p => p.PoissonProducts).ToArray(), Chart.Palette(0), LinePattern.Solid);
            chart.Curve("… and the values' gcd", ns, points.Select(p => p.PoissonLattice).ToArray(), Chart.Palette(4), LinePattern.DenselyDashed);
            chart.Points("measured, uniform ±{1..M}", ns, points.Select(p => p.Uniform).ToArray(), Chart.Palette(1), MarkerShape.FilledTriangleUp);
            chart.Curve("Poisson, M = 4^k", ns, points.Select(p => p.PoissonUniform).ToArray(), Chart.Palette(1), LinePattern.Solid);
            chart.Curve("Lemma 3 upper (leading)", ns, points.Select(p => p.UpperProducts).ToArray(), Chart.Palette(3), LinePattern.Dashed);
            chart.Curve("Lemma 3 lower (leading)", ns, points.Select(p => p.Lower).ToArray(), Chart.Palette(2), LinePattern.Dotted);
            chart.Plot.Axes.SetLimitsY(-0.03, 1.03);
            chart.Legend(Alignment.LowerRight);
            panels.Add(chart);
        }

        Chart.SaveGrid(report, options.OutputDirectory, "rssp-products.png", panels, 1300, 1000, rows: 2);

        FailureProfile(options, report, all);
        Csv.Write(
            report,
            options.OutputDirectory,
            "rssp.csv",
            "k,n,instances,solved_products,solved_uniform,lemma3_upper_products,lemma3_upper_uniform,lemma3_lower,poisson_products_matched_m,poisson_products_gcd,poisson_uniform",
            all.SelectMany(points => points).Select(p => Csv.Line(p.K, p.N, p.Instances, p.SolvedProducts, p.SolvedUniform, p.UpperProducts, p.UpperUniform, p.Lower, p.PoissonProducts, p.PoissonLattice, p.PoissonUniform)));
    }

    /// <summary>
    /// Where the product instances fail: at n where the uniform control is solvable 95% of the
    /// time, the failure rate by |t|/M and on instances whose values are all even (their gcd is
    /// then at least 2, so odd targets are out of reach).
    /// </summary>
    private static void FailureProfile(Options options, Report report, List<List<Point>> all)
    {
        int instances = options.SubsetSumInstances * 5;
        var table = new MarkdownTable("k", "n", "values", "P(fail)", "|t|/M < 0.2", "0.2–0.4", "0.4–0.6", "0.6–0.8", "0.8–1", "P(all even)", "P(fail | all even)");
        foreach (var points in all)
        {
            int k = points[0].K;
            double n95 = Stats.FirstCrossingUp(points.Select(p => (double)p.N).ToArray(), points.Select(p => p.Uniform).ToArray(), 0.95);
            if (!double.IsFinite(report.Check($"RSSP k={k} n95 uniform", n95)))
            {
                continue;
            }

            int n = (int)Math.Ceiling(n95);
            long a = 1L << k, m = a * a;
            foreach (var (kind, salt, draw) in new (string, long, Func<SeededRandom, long>)[]
            {
                ("products a·b", 2, r => r.NextInclusive(1, a) * r.NextInclusive(-a, a)),
                ("uniform ±{1..M}", 3, r => r.NextNonZeroWeight(2 * k)),
            })
            {
                var (values, targets) = Draw(instances, n, Seeds.For(Seeds.SubsetSum, k, n, salt), draw, m);
                var offsets = Enumerable.Range(0, targets.Length + 1).Select(i => i * n).ToArray();
                var results = SubsetSumSolver.SolveBatch(new SubsetSumBatch(values, offsets, targets), new SubsetSumOptions { MaxDegreeOfParallelism = options.Threads });
                var failures = new int[5];
                var totals = new int[5];
                int even = 0, evenFailures = 0;
                for (int i = 0; i < instances; i++)
                {
                    if (results[i].Status == SubsetSumStatus.BudgetExceeded)
                    {
                        report.Problem($"RSSP failure profile k={k}, n={n}: an instance exceeded the solver's budget");
                    }

                    bool failed = !results[i].IsSolved;
                    int bucket = (int)Math.Min(4, Math.Abs(targets[i]) * 5 / (m + 1));
                    totals[bucket]++;
                    failures[bucket] += failed ? 1 : 0;
                    if (Gcd(values, i, n) % 2 == 0)
                    {
                        even++;
                        evenFailures += failed ? 1 : 0;
                    }
                }

                var cells = new List<string> { Fmt.I(k), Fmt.I(n), kind, Fmt.F(failures.Sum() / (double)instances) };
                cells.AddRange(Enumerable.Range(0, 5).Select(b => Fmt.F(failures[b] / (double)Math.Max(1, totals[b]))));
                cells.Add(Fmt.F(even / (double)instances));
                cells.Add(even == 0 ? "–" : Fmt.F(evenFailures / (double)even));
                table.Row(cells.ToArray());
            }
        }

        report.Paragraph(
            $"Where the products fail: {instances} fresh instances of each kind at the n where the uniform control first reaches 95%, " +
            "failure rate by the target's size |t|/M and on instances whose values are all even.");
        report.Table(table);
    }

    private static string Count(List<Point> points, Func<Point, bool> predicate) =>
        Fmt.I(points.Count(predicate)) + " / " + Fmt.I(points.Count);

    private static (long[] Values, long[] Targets) Draw(int instances, int n, long seed, Func<SeededRandom, long> value, long m)
    {
        var random = new SeededRandom(seed);
        var values = new long[instances * n];
        var targets = new long[instances];
        for (int i = 0; i < instances; i++)
        {
            for (int j = 0; j < n; j++)
            {
                values[(i * n) + j] = value(random);
            }

            targets[i] = random.NextInclusive(-m, m);
        }

        return (values, targets);
    }

    private static int Solve(long[] values, long[] targets, int n, int threads, Report report, string name)
    {
        var offsets = Enumerable.Range(0, targets.Length + 1).Select(i => i * n).ToArray();
        var results = SubsetSumSolver.SolveBatch(new SubsetSumBatch(values, offsets, targets), new SubsetSumOptions { MaxDegreeOfParallelism = threads });
        int over = results.Count(r => r.Status == SubsetSumStatus.BudgetExceeded);
        if (over > 0)
        {
            report.Problem($"{name}: {over} instances exceeded the solver's budget");
        }

        return results.Count(r => r.IsSolved);
    }

    private static long Gcd(long[] values, int instance, int n)
    {
        long g = 0;
        for (int j = 0; j < n; j++)
        {
            long a = Math.Abs(values[(instance * n) + j]), b = g;
            while (b != 0)
            {
                (a, b) = (b, a % b);
            }

            g = a;
        }

        return g;
    }

    private static double Sum(long[] values, int instance, int n)
    {
        long sum = 0;
        for (int j = 0; j < n; j++)
        {
            sum += values[(instance * n) + j];
        }

        return sum;
    }
}
