using System;
using System.Globalization;

namespace SlthGen;

/// <summary>
/// The quantities of the paper's random subset-sum theory (Section 3 and Appendix A) and of its
/// parameter-counting lower bound (Theorem 3), as plain functions of doubles.
/// </summary>
/// <remarks>
/// <para>
/// Notation: n is the number of random values (the width of one block of g), M the largest
/// magnitude of a value (the values of a random number partitioning problem, RNPP, are uniform on
/// {1, …, M}; those of a random subset-sum problem, RSSP, uniform on {−M, …, −1, 1, …, M}); z is
/// an RNPP target and t an RSSP target; Λ = Σ X_i is the sum of the RSSP values.
/// </para>
/// <para>
/// The probability bounds of Lemmas 1 and 3 are stated with O(1/n) and O(1/(nρ_n)) error terms
/// whose constants the paper does not give. Every function here evaluates the <em>leading terms</em>
/// only (the O-terms dropped), so they are estimates for predicting widths and comparing with
/// measured solvability, not rigorous bounds. All of them are computed in log space: ρ_n and the
/// expected numbers of solutions stay finite for n up to about 1000 and M up to
/// <see cref="double.MaxValue"/>, and probabilities never become NaN.
/// </para>
/// <para>
/// Because the dropped terms carry the whole dependence of the lower bounds on z, a lower bound
/// here does not depend on z and can exceed the matching upper bound once
/// z²/(2nM²c_M) &gt; ln(2(1 + ρ_n)); there the leading terms say nothing. For z = 0, and whenever
/// z²/(2nM²c_M) ≤ ln 2, upper ≥ lower holds.
/// </para>
/// </remarks>
public static class Theory
{
    private const double Ln2 = 0.693147180559945309417232121458176568;
    private const double TwoPi = 6.283185307179586476925286766559005768;

    /// <summary>
    /// c_M = E[X²/M²] = 1/3 + 1/(2M) + 1/(6M²) for X uniform on {1, …, M} (Theorem 4; Lemma 3).
    /// </summary>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMagnitude"/> is below 1, infinite or NaN.</exception>
    public static double CM(double maxMagnitude)
    {
        CheckMagnitude(maxMagnitude);
        return CMCore(maxMagnitude);
    }

    /// <summary>
    /// log2 γ_n, where γ_n = 1/(M·√(2π·n·c_M)) (Theorem 4, Borgs–Chayes–Pittel): γ_n is the
    /// local-limit density of a signed sum σ·X of n values at its mode.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double Log2Gamma(int n, double maxMagnitude)
    {
        CheckN(n);
        CheckMagnitude(maxMagnitude);
        return Log2GammaCore(n, maxMagnitude);
    }

    /// <summary>γ_n = 1/(M·√(2π·n·c_M)) (Theorem 4).</summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double Gamma(int n, double maxMagnitude) => Exp2(Log2Gamma(n, maxMagnitude));

    /// <summary>
    /// log2 ρ_n = (n + 1) + log2 γ_n, where ρ_n = 2^(n+1)·γ_n (Lemma 1). Finite for every n and M.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double Log2Rho(int n, double maxMagnitude) => n + 1.0 + Log2Gamma(n, maxMagnitude);

    /// <summary>
    /// ρ_n = 2^(n+1)·γ_n = 2^(n+1)/(M·√(2π·n·c_M)) (Lemma 1), computed as 2^<see cref="Log2Rho"/>
    /// (relative error about |log2 ρ_n|·2^-52; +∞ once log2 ρ_n exceeds 1024, i.e. n ≳ 1020 for M = 1).
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double Rho(int n, double maxMagnitude) => Exp2(Log2Rho(n, maxMagnitude));

    /// <summary>
    /// The Gaussian exponent z²/(2·n·M²·c_M) of Theorem 4, so that the Gaussian factor of every
    /// lemma is exp(−<see cref="GaussianExponent"/>). Computed as (z/M)²/(2·n·c_M), without overflow.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <param name="z">The partition target (any finite value; only z² matters).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, M below 1, or a value infinite or NaN.</exception>
    public static double GaussianExponent(int n, double maxMagnitude, double z)
    {
        CheckN(n);
        CheckMagnitude(maxMagnitude);
        CheckFinite(z, nameof(z));
        return GaussianExponentCore(n, maxMagnitude, z);
    }

    /// <summary>
    /// The expected number of solutions E[Z_{n,z}] of an RNPP (n values uniform on {1, …, M},
    /// target |σ·X| = z), leading term: ρ_n·exp(−z²/(2nM²c_M)) for z ≠ 0 (Theorem 4 and Eq. 4,
    /// Appendix A) and ρ_n/2 for z = 0 (Eq. 3: Z_{n,0} = 2^n·I_{n,0}, without the factor 2 that
    /// counts ±z).
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <param name="z">The target difference; its sign is irrelevant (|σ·X| = z and |σ·X| = −z are the same problem).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, M below 1, or a value infinite or NaN.</exception>
    public static double NppExpectedSolutions(int n, double maxMagnitude, double z)
    {
        double log2Rho = Log2Rho(n, maxMagnitude);
        CheckFinite(z, nameof(z));
        double e = GaussianExponentCore(n, maxMagnitude, z);
        return Exp2(log2Rho - (z == 0 ? 1 : 0) - (e / Ln2));
    }

    /// <summary>
    /// Lemma 1, upper bound, leading term (Markov's inequality on E[Z_{n,z}]):
    /// P(Z_{n,z} &gt; 0) ≲ ρ_n/2·exp(−z²/(2nM²c_M)) if z = 0 and ρ_n·exp(−z²/(2nM²c_M)) if z ≠ 0,
    /// clamped to 1. The O(1/n) term inside the parentheses is dropped.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <param name="z">The target difference (its sign is irrelevant).</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, M below 1, or a value infinite or NaN.</exception>
    public static double NppUpperBound(int n, double maxMagnitude, double z) => Math.Min(1.0, NppExpectedSolutions(n, maxMagnitude, z));

    /// <summary>
    /// Lemma 1, lower bound, leading term (Cauchy–Schwarz on Eqs. 5 and 6):
    /// P(Z_{n,z} &gt; 0) ≳ 1/(2·(1 + 1/ρ_n)). The terms exp(z²/(nM²c_M))·(O(1/(nρ_n)) + O(1/n)) are
    /// dropped, which removes the dependence on z.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <returns>A value in [0, 1/2].</returns>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double NppLowerBound(int n, double maxMagnitude) => 0.5 * OneOverOnePlusInverse(Log2Rho(n, maxMagnitude));

    /// <summary>
    /// The expected number of subsets of n values uniform on {−M, …, −1, 1, …, M} that sum to
    /// <paramref name="target"/> t, given the total Λ = <paramref name="sum"/>, leading term:
    /// ρ_n·exp(−z²/(2nM²c_M)) with z = Λ − 2t. By Lemma 2 a subset S with ΣS = t is a sign vector σ
    /// with σ·X = z (σ = −1 on S); z has the parity of Λ by construction, so the local limit theorem
    /// gives 2·γ_n per sign vector (Theorem 4), hence 2^n·2γ_n = ρ_n. It equals Lemma 3's upper bound
    /// (before clamping) at z = 0 and half of it for z ≠ 0, and it is the quantity <see cref="PredictWidth(double, double, double)"/> uses.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <param name="target">The subset-sum target t.</param>
    /// <param name="sum">Λ, the sum of all values (0, the typical value, if unknown).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, M below 1, or a value infinite or NaN.</exception>
    public static double RsspExpectedSolutions(int n, double maxMagnitude, double target, double sum = 0)
    {
        double log2Rho = Log2Rho(n, maxMagnitude);
        double z = PartitionTarget(target, sum);
        return Exp2(log2Rho - (GaussianExponentCore(n, maxMagnitude, z) / Ln2));
    }

    /// <summary>
    /// Lemma 3, upper bound, leading term: with z = Λ − 2t,
    /// P(Y_{n,t} &gt; 0) ≲ ρ_n·exp(−z²/(2nM²c_M)) if z = 0 and 2ρ_n·exp(−z²/(2nM²c_M)) if z ≠ 0
    /// (Lemma 1 doubled by the parity argument of its proof), clamped to 1. O(1/n) dropped.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <param name="target">The subset-sum target t.</param>
    /// <param name="sum">Λ, the sum of all values (0, the typical value, if unknown).</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, M below 1, or a value infinite or NaN.</exception>
    public static double RsspUpperBound(int n, double maxMagnitude, double target, double sum = 0)
    {
        double log2Rho = Log2Rho(n, maxMagnitude);
        double z = PartitionTarget(target, sum);
        double log2 = log2Rho + (z == 0 ? 0 : 1) - (GaussianExponentCore(n, maxMagnitude, z) / Ln2);
        return Math.Min(1.0, Exp2(log2));
    }

    /// <summary>
    /// Lemma 3, lower bound, leading term: P(Y_{n,t} &gt; 0) ≳ 1/(1 + 1/ρ_n), i.e. twice Lemma 1's.
    /// The terms exp(z²/(nM²c_M))·(O(1/(nρ_n)) + O(1/n)) are dropped.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double RsspLowerBound(int n, double maxMagnitude) => OneOverOnePlusInverse(Log2Rho(n, maxMagnitude));

    /// <summary>The RNPP target z = Λ − 2t that an RSSP with target t and total Λ maps to (Lemma 2).</summary>
    /// <param name="target">The subset-sum target t.</param>
    /// <param name="sum">Λ, the sum of all values.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is infinite or NaN, or Λ − 2t overflows.</exception>
    public static double PartitionTarget(double target, double sum)
    {
        CheckFinite(target, nameof(target));
        CheckFinite(sum, nameof(sum));
        double z = sum - (2 * target);
        if (double.IsInfinity(z))
        {
            throw new ArgumentOutOfRangeException(nameof(target), "Λ − 2t overflows a double" + Got(target));
        }

        return z;
    }

    /// <summary>
    /// κ = log2(M)/n, the Borgs–Chayes–Pittel control parameter (Section 2; Lemma 4): solutions
    /// abound when κ &lt; 1 and vanish when κ &gt; 1.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double Kappa(int n, double maxMagnitude)
    {
        CheckN(n);
        CheckMagnitude(maxMagnitude);
        return Log2(maxMagnitude) / n;
    }

    /// <summary>
    /// The finite-size critical κ_n = 1 − log2(n)/(2n) (proof of Lemma 4): κ = κ_n + λ_n/n, so
    /// κ &lt; κ_n exactly when λ_n &lt; 0.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0.</exception>
    public static double CriticalKappa(int n)
    {
        CheckN(n);
        return 1.0 - (Log2(n) / (2.0 * n));
    }

    /// <summary>
    /// λ_n of the parametrisation M = 2^(n+λ_n)/√n (proof of Lemma 4), i.e.
    /// λ_n = log2(M) + log2(n)/2 − n. Then ρ_n = 2^(1−λ_n)/√(2π·c_M): λ_n → −∞ makes ρ_n → ∞.
    /// </summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, or M below 1, infinite or NaN.</exception>
    public static double LambdaN(int n, double maxMagnitude)
    {
        CheckN(n);
        CheckMagnitude(maxMagnitude);
        return Log2(maxMagnitude) + (0.5 * Log2(n)) - n;
    }

    /// <summary>The inverse of <see cref="LambdaN"/>: M = 2^(n+λ)/√n.</summary>
    /// <param name="n">The number of values, n ≥ 1.</param>
    /// <param name="lambda">λ_n (finite).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0 or <paramref name="lambda"/> infinite or NaN.</exception>
    public static double MaxMagnitudeFromLambda(int n, double lambda)
    {
        CheckN(n);
        CheckFinite(lambda, nameof(lambda));
        return Exp2(n + lambda - (0.5 * Log2(n)));
    }

    /// <summary>
    /// Theorem 3: pruning any δ-quantised network to represent, with probability at least p, every
    /// h_W of Eq. 2 (all W ∈ S_δ^{d×d}) needs at least log2(p) + d²·log2(2/δ + 1) nonzero parameters
    /// (there are (2/δ + 1)^(d²) such functions and 2^α prunings of α parameters).
    /// </summary>
    /// <param name="d">The width d ≥ 1 of the square layer.</param>
    /// <param name="delta">δ in (0, 1).</param>
    /// <param name="probability">p in (0, 1]; 1 (the default) drops the log2 p term.</param>
    /// <exception cref="ArgumentOutOfRangeException">d ≤ 0, δ not in (0, 1) or p not in (0, 1].</exception>
    public static double ParameterLowerBound(int d, double delta, double probability = 1)
    {
        if (d <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(d), "The width d must be at least 1" + Got(d));
        }

        CheckDelta(delta, nameof(delta));
        CheckProbability(probability);
        return Log2(probability) + ((double)d * d * Log2((2.0 / delta) + 1.0));
    }

    /// <summary>
    /// The network form of Theorem 3's count: log2(p) + Σ_i d_i·d_{i−1}·log2(2/δt + 1), the number of
    /// bits needed to tell apart all δt-quantised targets with layer widths d_0 (inputs), d_1, …, d_ℓ;
    /// a ticket that can represent every such target keeps at least this many parameters.
    /// </summary>
    /// <param name="widths">d_0, d_1, …, d_ℓ: at least two entries, each ≥ 1.</param>
    /// <param name="targetDelta">δt in (0, 1).</param>
    /// <param name="probability">p in (0, 1]; 1 (the default) drops the log2 p term.</param>
    /// <exception cref="ArgumentException">Fewer than two widths, or a width below 1 (ParamName "widths").</exception>
    /// <exception cref="ArgumentOutOfRangeException">δt not in (0, 1) or p not in (0, 1].</exception>
    public static double NetworkParameterLowerBound(ReadOnlySpan<int> widths, double targetDelta, double probability = 1)
    {
        if (widths.Length < 2)
        {
            throw new ArgumentException("A network needs at least two widths: d_0 (inputs) and d_1.", nameof(widths));
        }

        CheckDelta(targetDelta, nameof(targetDelta));
        CheckProbability(probability);
        double weights = 0;
        for (int i = 0; i < widths.Length; i++)
        {
            if (widths[i] < 1)
            {
                throw new ArgumentException($"widths[{i.ToString(CultureInfo.InvariantCulture)}] = {widths[i].ToString(CultureInfo.InvariantCulture)}; every width must be at least 1.", nameof(widths));
            }

            if (i > 0)
            {
                weights += (double)widths[i] * widths[i - 1];
            }
        }

        return Log2(probability) + (weights * Log2((2.0 / targetDelta) + 1.0));
    }

    /// <summary>
    /// The empirical constant C = n / log2(1/δ) that a width n achieves (the paper's width is
    /// C·log2(1/δ) per block, Lemma 5).
    /// </summary>
    /// <param name="n">The width n ≥ 1.</param>
    /// <param name="delta">δ in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0 or δ not in (0, 1).</exception>
    public static double EmpiricalConstant(int n, double delta)
    {
        CheckN(n);
        CheckDelta(delta, nameof(delta));
        return n / -Log2(delta);
    }

    /// <summary>
    /// Predicts the width of one subset-sum block: the smallest n ≥ 1 at which a random RSSP with
    /// values of magnitude up to M = <paramref name="maxMagnitude"/> and the worst-case target
    /// |t| = M is expected to have at least <paramref name="expectedSolutions"/> solutions. See
    /// <see cref="PredictWidth(double, double, double)"/>.
    /// </summary>
    /// <param name="maxMagnitude">M ≥ 1, the largest magnitude of a value in integer units (e.g. 2^(2b) for products of two weights of precision 2^-b).</param>
    /// <param name="expectedSolutions">The required expected number of solutions, &gt; 0 (default 8).</param>
    /// <exception cref="ArgumentOutOfRangeException">M below 1, infinite or NaN, or the threshold not positive and finite.</exception>
    public static int PredictWidth(double maxMagnitude, double expectedSolutions = 8) => PredictWidth(maxMagnitude, maxMagnitude, expectedSolutions);

    /// <summary>
    /// Predicts the width of one subset-sum block: the smallest n ≥ 1 with
    /// <see cref="RsspExpectedSolutions"/>(n, M, T, Λ = 0) = ρ_n·exp(−(2T)²/(2nM²c_M)) ≥
    /// <paramref name="expectedSolutions"/>, i.e. for the worst-case target |t| = T and the typical
    /// total Λ = 0 (so z = 2T). The expected count is increasing in n, so this is a threshold.
    /// </summary>
    /// <remarks>
    /// This is a starting point for an exact search, not a guarantee: the leading terms of Lemma 3
    /// drop O(1/n) corrections, the values of a real block are not uniform (products of two
    /// weights, Lemma 5), and a network needs every one of its many instances solvable at once.
    /// The real width is found by solving the instances (searching upward, or bisecting, from this
    /// prediction). With the default threshold of 8 the prediction is a few values above the
    /// Borgs–Chayes–Pittel critical width <see cref="CriticalWidth"/> (where ρ_n ≈ 1.4).
    /// </remarks>
    /// <param name="maxMagnitude">M ≥ 1, the largest magnitude of a value in integer units.</param>
    /// <param name="maxTarget">T ≥ 0, the largest magnitude of a target in the same units.</param>
    /// <param name="expectedSolutions">The required expected number of solutions, &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">M below 1, T negative, or a value infinite or NaN, or the threshold not positive.</exception>
    public static int PredictWidth(double maxMagnitude, double maxTarget, double expectedSolutions)
    {
        CheckMagnitude(maxMagnitude);
        if (!(maxTarget >= 0) || double.IsInfinity(maxTarget))
        {
            throw new ArgumentOutOfRangeException(nameof(maxTarget), "The largest target magnitude must be finite and non-negative" + Got(maxTarget));
        }

        if (!(expectedSolutions > 0) || double.IsInfinity(expectedSolutions))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedSolutions), "The expected number of solutions must be positive and finite" + Got(expectedSolutions));
        }

        double z = 2 * (maxTarget / maxMagnitude); // z/M, finite since T and M are.
        double log2Threshold = Log2(expectedSolutions);

        // log2 E(n) = n + 1 + log2 γ_n − (z/M)²/(2n·c_M·ln 2) grows by at least 1 − 1/(2 ln 2) > 0.27 per
        // step, so the loop ends within a few thousand steps for every finite input.
        double c = CMCore(maxMagnitude);
        for (int n = 1; ; n++)
        {
            double log2E = n + 1.0 + Log2GammaCore(n, maxMagnitude) - (z * z / (2.0 * n * c) / Ln2);
            if (log2E >= log2Threshold)
            {
                return n;
            }
        }
    }

    /// <summary>
    /// The smallest n ≥ 1 whose κ = log2(M)/n is below the critical κ_n = 1 − log2(n)/(2n)
    /// (Lemma 4's condition at finite n, equivalently λ_n &lt; 0): the Borgs–Chayes–Pittel phase
    /// boundary, where ρ_n = 2/√(2π·c_M) ≈ 1.4 solutions are expected for a target near 0.
    /// </summary>
    /// <param name="maxMagnitude">M ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">M below 1, infinite or NaN.</exception>
    public static int CriticalWidth(double maxMagnitude)
    {
        CheckMagnitude(maxMagnitude);
        double log2M = Log2(maxMagnitude);

        // n − log2(n)/2 is increasing for n ≥ 1, so the first n with log2 M < n − log2(n)/2 is the answer.
        for (int n = 1; ; n++)
        {
            if (log2M < n - (0.5 * Log2(n)))
            {
                return n;
            }
        }
    }

    private static double CMCore(double m) => (1.0 / 3.0) + (1.0 / (2.0 * m)) + (1.0 / (6.0 * m * m));

    private static double Log2GammaCore(int n, double m) => -Log2(m) - (0.5 * Log2(TwoPi * n * CMCore(m)));

    private static double GaussianExponentCore(int n, double m, double z)
    {
        double r = z / m;
        return r * r / (2.0 * n * CMCore(m));
    }

    /// <summary>1/(1 + 1/ρ) from log2 ρ, without overflow or NaN at either end.</summary>
    private static double OneOverOnePlusInverse(double log2Rho) => 1.0 / (1.0 + Exp2(-log2Rho));

    private static double Log2(double x) => Math.Log(x) / Ln2;

    private static double Exp2(double x) => Math.Pow(2.0, x);

    private static string Got(double value) => " (got " + value.ToString("R", CultureInfo.InvariantCulture) + ").";

    private static string Got(int value) => " (got " + value.ToString(CultureInfo.InvariantCulture) + ").";

    private static void CheckN(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "The number of values n must be at least 1" + Got(n));
        }
    }

    private static void CheckMagnitude(double maxMagnitude)
    {
        if (!(maxMagnitude >= 1) || double.IsInfinity(maxMagnitude))
        {
            throw new ArgumentOutOfRangeException(nameof(maxMagnitude), "The largest magnitude M must be finite and at least 1" + Got(maxMagnitude));
        }
    }

    private static void CheckFinite(double value, string name)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, "The value must be finite" + Got(value));
        }
    }

    private static void CheckDelta(double delta, string name)
    {
        if (!(delta > 0 && delta < 1))
        {
            throw new ArgumentOutOfRangeException(name, "The precision δ must lie in the open interval (0, 1)" + Got(delta));
        }
    }

    private static void CheckProbability(double probability)
    {
        if (!(probability > 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), "The probability p must lie in (0, 1]" + Got(probability));
        }
    }
}
