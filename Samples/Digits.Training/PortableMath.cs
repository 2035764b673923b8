using System;

namespace SlthGen.Samples.Digits.Training;

/// <summary>
/// The few transcendental helpers training needs, written with IEEE-754 +, −, ×, ÷ and
/// <see cref="Math.Round(double)"/> only, so that results are bit-identical on every platform and
/// runtime (<see cref="Math.Exp"/> calls the C runtime, whose last bit differs between libms).
/// </summary>
internal static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;

    /// <summary>e^x to within a few ulps: x = k·ln 2 + r with |r| ≤ ln2/2, a degree-13 Taylor polynomial for e^r, then ×2^k.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        if (x < -708.0)
        {
            return 0.0;
        }

        if (x > 709.0)
        {
            return double.PositiveInfinity;
        }

        double k = Math.Round(x * InvLn2);
        double r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        double p = 1.0 / 6227020800.0; // 1/13!
        double factorial = 6227020800.0;
        for (int n = 13; n >= 1; n--)
        {
            factorial /= n; // (n-1)!, exact: every (n-1)! ≤ 13! is an integer below 2^53
            p = (p * r) + (1.0 / factorial);
        }

        long bits = ((long)k + 1023) << 52;
        return p * BitConverter.Int64BitsToDouble(bits);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of the next draw.</summary>
    public static double NextUnit(SeededRandom random) => (random.NextUInt64() >> 11) * (1.0 / 9007199254740992.0);
}
