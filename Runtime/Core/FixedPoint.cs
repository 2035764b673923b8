using System;

namespace SlthGen;

/// <summary>
/// Integer helpers for fixed-point values. SPEC: quantisation [v]_γ = ⌊v·2^m⌋ / 2^m is a floor
/// toward −∞, which on a two's-complement integer is an arithmetic right shift.
/// </summary>
public static class FixedPoint
{
    /// <summary>
    /// The paper's [·]_γ on integers: <paramref name="q"/> in units of 2^-<paramref name="fromBits"/>
    /// floored to units of 2^-<paramref name="toBits"/> (<paramref name="toBits"/> ≤ <paramref name="fromBits"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bit count is negative, above 62, or <paramref name="toBits"/> &gt; <paramref name="fromBits"/>.</exception>
    public static long Floor(long q, int fromBits, int toBits)
    {
        CheckBits(fromBits, nameof(fromBits));
        CheckBits(toBits, nameof(toBits));
        if (toBits > fromBits)
        {
            throw new ArgumentOutOfRangeException(nameof(toBits), toBits, $"Flooring goes to a coarser precision: toBits must not exceed fromBits ({fromBits}).");
        }

        return q >> (fromBits - toBits);
    }

    /// <summary>
    /// Converts <paramref name="q"/> from units of 2^-<paramref name="fromBits"/> to units of
    /// 2^-<paramref name="toBits"/>: floor when coarsening, exact scaling when refining.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bit count is out of range.</exception>
    /// <exception cref="OverflowException">Refining would overflow a 64-bit integer.</exception>
    public static long Convert(long q, int fromBits, int toBits)
    {
        CheckBits(fromBits, nameof(fromBits));
        CheckBits(toBits, nameof(toBits));
        if (toBits <= fromBits)
        {
            return q >> (fromBits - toBits);
        }

        int shift = toBits - fromBits;
        long result = q << shift;
        if (result >> shift != q)
        {
            throw new OverflowException($"{q}·2^{shift} does not fit a 64-bit integer.");
        }

        return result;
    }

    /// <summary>The ReLU σ(q) = max(0, q).</summary>
    public static long Relu(long q) => q > 0 ? q : 0;

    private static void CheckBits(int bits, string name)
    {
        if (bits < 0 || bits > 62)
        {
            throw new ArgumentOutOfRangeException(name, bits, "A bit count must be between 0 and 62.");
        }
    }
}
