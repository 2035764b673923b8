using System;
using System.Globalization;
using CsCheck;

namespace SlthGen.Tests;

/// <summary>
/// Theory against values computed independently with Python's decimal module at 60 digits:
/// <code>
/// from decimal import Decimal as D, getcontext; getcontext().prec = 60
/// PI = D('3.14159265358979323846264338327950288419716939937510582097494459')
/// cM    = lambda M: D(1)/3 + 1/(2*D(M)) + 1/(6*D(M)**2)
/// gamma = lambda n, M: 1/(D(M)*(2*PI*n*cM(M)).sqrt())
/// rho   = lambda n, M: D(2)**(n+1)*gamma(n, M)
/// gexp  = lambda n, M, z: D(z)**2/(2*n*D(M)**2*cM(M))
/// npp_e(n,M,z)  = rho/2 if z == 0 else rho*exp(-gexp)       npp_lo  = 1/(2*(1+1/rho))
/// rssp_e(n,M,t,L) = rho*exp(-gexp(z = L-2t))                 rssp_up = min(1, (1 if z == 0 else 2)*rssp_e)
/// rssp_lo = 1/(1+1/rho); log2(x) = x.ln()/D(2).ln()
/// </code>
/// </summary>
public class TheoryTests
{
    private const double Tolerance = 1e-12;

    private static void Near(double expected, double actual)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= Tolerance * Math.Abs(expected), FormattableString.Invariant($"expected {expected:R}, got {actual:R} (relative error {error / Math.Abs(expected):R})"));
    }

    [Fact]
    public void C_M_matches_hand_computed_values()
    {
        Near(1.0, Theory.CM(1));
        Near(0.365234375, Theory.CM(16));
        Near(0.33383350000000001, Theory.CM(1000));
    }

    [Fact]
    public void Gamma_and_rho_match_hand_computed_values()
    {
        Near(0.013046807673627113, Theory.Gamma(10, 16));
        Near(26.719862115588327, Theory.Rho(10, 16));
        Near(1.5957691216057308, Theory.Rho(1, 1));
        Near(14320.250149291433, Theory.Rho(40, Math.Pow(2, 24)));
        Near(0.34549019565233524, Theory.Rho(16, 65536));
    }

    [Fact]
    public void Rho_does_not_overflow_for_n_up_to_200()
    {
        Near(1.3620250151636303e+41, Theory.Rho(200, Math.Pow(2, 60)));
        Near(9.0661770597752572e+58, Theory.Rho(200, 1));
        Near(195.85232384037647, Theory.Log2Rho(200, 1));
        Assert.True(double.IsFinite(Theory.Rho(1000, 1)));
        Assert.Equal(1.0, Theory.RsspLowerBound(2000, 1));
        Assert.InRange(Theory.RsspLowerBound(1, double.MaxValue), 0.0, 1e-300);
        Assert.Equal(1.0, Theory.NppUpperBound(2000, 1, 0));
    }

    [Fact]
    public void Lemma_1_leading_terms()
    {
        Near(0.21390374331550802, Theory.GaussianExponent(10, 16, 20));
        Near(13.359931057794164, Theory.NppExpectedSolutions(10, 16, 0));
        Near(21.574314099050756, Theory.NppExpectedSolutions(10, 16, 20));
        Near(21.574314099050756, Theory.NppExpectedSolutions(10, 16, -20));
        Assert.Equal(1.0, Theory.NppUpperBound(30, Math.Pow(2, 24), 1000));
        Near(0.0096568546188846981, Theory.NppUpperBound(20, Math.Pow(2, 24), 0));
        Near(0.31044605072588755, Theory.NppUpperBound(16, 65536, 70000));
        Near(0.48196239224008175, Theory.NppLowerBound(10, 16));
        Near(0.0094738788769023613, Theory.NppLowerBound(20, Math.Pow(2, 24)));
    }

    [Fact]
    public void Lemma_3_leading_terms()
    {
        Near(44.283249426617239, Theory.RsspExpectedSolutions(12, 32, 16));
        Near(4.4061245427993274, Theory.RsspExpectedSolutions(20, 65536, -40000, 1234));
        Assert.Equal(1.0, Theory.RsspUpperBound(12, 32, 16, 5));
        Near(0.34549019565233524, Theory.RsspUpperBound(16, 65536, 3, 6)); // z = 0: ρ_n
        Near(0.69098039128958821, Theory.RsspUpperBound(16, 65536, 3, 7)); // z = 1: 2ρ_n·exp(…)
        Near(0.6387626223808538, Theory.RsspUpperBound(16, 65536, -30000));
        Near(0.98035234034106777, Theory.RsspLowerBound(12, 32));
        Near(0.018947757753804723, Theory.RsspLowerBound(20, Math.Pow(2, 24)));
        Near(0.2567764497792055, Theory.RsspLowerBound(16, 65536));
        Assert.Equal(-25.0, Theory.PartitionTarget(target: 15, sum: 5));
    }

    [Fact]
    public void Borgs_Chayes_Pittel_parameters()
    {
        Near(0.49828921423310435, Theory.Kappa(20, 1000));
        Near(0.5, Theory.Kappa(20, 1024));
        Near(0.83390359525563185, Theory.CriticalKappa(10));
        Near(0.875, Theory.CriticalKappa(16));
        Near(-7.6149861328715662, Theory.LambdaN(30, 1e6));
        Assert.True(Math.Abs(Theory.LambdaN(16, 16384)) < 1e-12);
        Near(34654868.353986464, Theory.MaxMagnitudeFromLambda(30, -2.5));
    }

    [Fact]
    public void Theorem_3_lower_bounds()
    {
        Near(44.399547074226078, Theory.ParameterLowerBound(3, 1.0 / 16, 0.5));
        Near(900.28150156070535, Theory.ParameterLowerBound(10, 1.0 / 256));
        Near(196.04621328657123, Theory.NetworkParameterLowerBound(new[] { 4, 8, 2 }, 1.0 / 8, 0.9));

        // A single d×d layer is the network [d, d].
        Near(Theory.ParameterLowerBound(7, 1.0 / 32, 0.25), Theory.NetworkParameterLowerBound(new[] { 7, 7 }, 1.0 / 32, 0.25));
    }

    [Fact]
    public void Empirical_constant()
    {
        Near(3.0, Theory.EmpiricalConstant(24, 1.0 / 256));
        Near(5.7571664249344501, Theory.EmpiricalConstant(10, 0.3));
    }

    [Theory]
    [InlineData(1.0, 1.0, 8.0, 6)]
    [InlineData(256.0, 256.0, 8.0, 14)]
    [InlineData(65536.0, 65536.0, 8.0, 22)]
    [InlineData(1073741824.0, 1073741824.0, 8.0, 36)]
    [InlineData(65536.0, 0.0, 1.0, 18)]
    [InlineData(65536.0, 65536.0, 100.0, 25)]
    [InlineData(1099511627776.0, 1048576.0, 8.0, 46)]
    [InlineData(1000.0, 1000.0, 0.5, 12)]
    public void Predicted_widths_match_hand_computed_values(double m, double t, double threshold, int expected)
    {
        Assert.Equal(expected, Theory.PredictWidth(m, t, threshold));
        if (t == m && threshold == 8)
        {
            Assert.Equal(expected, Theory.PredictWidth(m));
        }
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(256.0, 10)]
    [InlineData(65536.0, 19)]
    [InlineData(1073741824.0, 33)]
    [InlineData(1000.0, 12)]
    public void Critical_widths_match_hand_computed_values(double m, int expected)
    {
        Assert.Equal(expected, Theory.CriticalWidth(m));
        Assert.True(Theory.LambdaN(expected, m) < 0);
        Assert.True(Theory.Kappa(expected, m) < Theory.CriticalKappa(expected));
        if (expected > 1)
        {
            Assert.False(Theory.Kappa(expected - 1, m) < Theory.CriticalKappa(expected - 1));
        }
    }

    [Fact]
    public void Rho_increases_with_n_and_decreases_with_M()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Double[1, 1e15]).Sample((n, m) =>
        {
            Assert.True(Theory.Rho(n + 1, m) > Theory.Rho(n, m));
            Assert.True(Theory.Rho(n, m * 1.5) < Theory.Rho(n, m));
            Near(Theory.Rho(n, m) * 2 * Math.Sqrt(n / (n + 1.0)), Theory.Rho(n + 1, m));
        });
    }

    [Fact]
    public void Bounds_lie_in_the_unit_interval_and_upper_dominates_lower_near_the_mode()
    {
        Gen.Select(Gen.Int[1, 200], Gen.Double[1, 1e12], Gen.Double[-1, 1]).Sample((n, m, u) =>
        {
            // |z| ≤ M·√(2n·c_M·ln 2): the Gaussian factor is at least 1/2 (see the class remarks).
            double z = u * m * Math.Sqrt(2 * n * Theory.CM(m) * Math.Log(2));
            double nppUpper = Theory.NppUpperBound(n, m, z), nppLower = Theory.NppLowerBound(n, m);
            double rsspUpper = Theory.RsspUpperBound(n, m, -z / 2), rsspLower = Theory.RsspLowerBound(n, m);
            foreach (double p in new[] { nppUpper, nppLower, rsspUpper, rsspLower })
            {
                Assert.InRange(p, 0.0, 1.0);
            }

            Assert.True(nppUpper >= nppLower);
            Assert.True(rsspUpper >= rsspLower);
            Assert.True(Theory.NppUpperBound(n, m, 0) >= nppLower);
            Assert.True(Theory.RsspUpperBound(n, m, 0) >= rsspLower);
            Assert.Equal(2 * nppLower, rsspLower, 15);
            Assert.Equal(Math.Min(1, Theory.NppExpectedSolutions(n, m, z)), nppUpper);
        });
    }

    [Fact]
    public void Lambda_parametrisation_is_consistent()
    {
        Gen.Select(Gen.Int[1, 200], Gen.Double[1, 1e12]).Sample((n, m) =>
        {
            double lambda = Theory.LambdaN(n, m);
            Assert.True(Math.Abs(Theory.MaxMagnitudeFromLambda(n, lambda) - m) <= 1e-9 * m);
            Assert.True(Math.Abs(Theory.Kappa(n, m) - (Theory.CriticalKappa(n) + (lambda / n))) <= 1e-9);

            // ρ_n = 2^(1−λ_n)/√(2π·c_M).
            double rho = Math.Pow(2, 1 - lambda) / Math.Sqrt(2 * Math.PI * Theory.CM(m));
            Assert.True(Math.Abs(Theory.Rho(n, m) - rho) <= 1e-9 * rho);
        });
    }

    [Fact]
    public void Predicted_width_is_the_threshold_of_the_expected_count()
    {
        Gen.Select(Gen.Double[1, 1e15], Gen.Double[0, 1], Gen.Double[0.01, 1000]).Sample((m, tFraction, threshold) =>
        {
            double t = tFraction * m;
            int n = Theory.PredictWidth(m, t, threshold);
            Assert.True(Theory.RsspExpectedSolutions(n, m, t) >= threshold * (1 - 1e-12));
            if (n > 1)
            {
                Assert.True(Theory.RsspExpectedSolutions(n - 1, m, t) < threshold * (1 + 1e-12));
            }

            if (threshold >= 8)
            {
                Assert.True(n >= Theory.CriticalWidth(m));
            }
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Non_positive_n_is_rejected(int n)
    {
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.Rho(n, 16)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.NppUpperBound(n, 16, 0)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.RsspLowerBound(n, 16)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.CriticalKappa(n)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.EmpiricalConstant(n, 0.5)).ParamName);
        Assert.Equal("d", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.ParameterLowerBound(n, 0.5)).ParamName);
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Magnitudes_below_one_are_rejected(double m)
    {
        Assert.Equal("maxMagnitude", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.CM(m)).ParamName);
        Assert.Equal("maxMagnitude", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.Rho(4, m)).ParamName);
        Assert.Equal("maxMagnitude", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.Kappa(4, m)).ParamName);
        Assert.Equal("maxMagnitude", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.PredictWidth(m)).ParamName);
        Assert.Equal("maxMagnitude", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.CriticalWidth(m)).ParamName);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.25)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Precisions_outside_the_open_unit_interval_are_rejected(double delta)
    {
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.ParameterLowerBound(3, delta)).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.EmpiricalConstant(3, delta)).ParamName);
        Assert.Equal("targetDelta", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.NetworkParameterLowerBound(new[] { 2, 2 }, delta)).ParamName);
    }

    [Fact]
    public void Other_arguments_are_validated()
    {
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.ParameterLowerBound(3, 0.5, 0)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.NetworkParameterLowerBound(new[] { 2, 2 }, 0.5, 1.01)).ParamName);
        Assert.Equal("widths", Assert.Throws<ArgumentException>(() => Theory.NetworkParameterLowerBound(new[] { 2 }, 0.5)).ParamName);
        Assert.Equal("widths", Assert.Throws<ArgumentException>(() => Theory.NetworkParameterLowerBound(new[] { 2, 0, 3 }, 0.5)).ParamName);
        Assert.Equal("z", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.NppUpperBound(3, 8, double.NaN)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.RsspUpperBound(3, 8, double.PositiveInfinity)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.PartitionTarget(double.MaxValue, -double.MaxValue)).ParamName);
        Assert.Equal("sum", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.RsspExpectedSolutions(3, 8, 1, double.NaN)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.MaxMagnitudeFromLambda(3, double.NaN)).ParamName);
        Assert.Equal("maxTarget", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.PredictWidth(16, -1, 8)).ParamName);
        Assert.Equal("expectedSolutions", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.PredictWidth(16, 0)).ParamName);
        Assert.Equal("expectedSolutions", Assert.Throws<ArgumentOutOfRangeException>(() => Theory.PredictWidth(16, double.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void Messages_format_numbers_with_the_invariant_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Theory.ParameterLowerBound(3, 1.5));
            Assert.Contains("(got 1.5)", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
