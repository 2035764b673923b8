using System;

namespace SlthGen;

/// <summary>
/// A fixed-point precision δ = 2^-<see cref="Bits"/> (the paper's δ, δt, δin or γ).
/// A value v of precision δ is stored as the integer q = v·2^Bits; the set
/// S_δ = {-1, -1+δ, …, 1} is q ∈ [-2^Bits, 2^Bits].
/// </summary>
public readonly struct Precision : IEquatable<Precision>, IComparable<Precision>
{
    /// <summary>
    /// The largest supported number of fractional bits. Products of two weights of this
    /// precision (2·30 bits) and their sums still fit a 64-bit integer with room to spare.
    /// </summary>
    public const int MaxBits = 30;

    /// <summary>Creates δ = 2^-<paramref name="bits"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not in [1, <see cref="MaxBits"/>].</exception>
    public Precision(int bits)
    {
        if (bits < 1 || bits > MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"A precision needs between 1 and {MaxBits} fractional bits.");
        }

        Bits = bits;
    }

    /// <summary>The number of fractional bits b of δ = 2^-b.</summary>
    public int Bits { get; }

    /// <summary>The integer that represents 1.0 at this precision (2^Bits).</summary>
    public long One => 1L << Bits;

    /// <summary>δ as a double (exact: a power of two).</summary>
    public double Value => 1.0 / One;

    /// <summary>The number of elements of S_δ, 2^(Bits+1) + 1.</summary>
    public long Count => (2L << Bits) + 1;

    /// <summary>Whether the integer <paramref name="q"/> (in units of δ) lies in S_δ = [-1, 1].</summary>
    public bool Contains(long q) => q >= -One && q <= One;

    /// <summary>The real value of the integer <paramref name="q"/> in units of δ.</summary>
    public double ToDouble(long q) => q / (double)One;

    /// <summary>
    /// Re-expresses <paramref name="q"/> (in units of this precision) in units of <paramref name="target"/>:
    /// the paper's [·]_target when the target is coarser (floor toward −∞), exact otherwise.
    /// </summary>
    public long ConvertTo(long q, Precision target) => FixedPoint.Convert(q, Bits, target.Bits);

    /// <inheritdoc/>
    public bool Equals(Precision other) => Bits == other.Bits;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Precision other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Bits;

    /// <summary>Orders precisions from coarse to fine (a finer δ has more bits).</summary>
    public int CompareTo(Precision other) => Bits.CompareTo(other.Bits);

    /// <summary>"2^-b".</summary>
    public override string ToString() => "2^-" + Bits.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Equality of precisions.</summary>
    public static bool operator ==(Precision left, Precision right) => left.Equals(right);

    /// <summary>Inequality of precisions.</summary>
    public static bool operator !=(Precision left, Precision right) => !left.Equals(right);

    /// <summary>δ1 &lt; δ2: the left precision is finer (has more bits).</summary>
    public static bool operator <(Precision left, Precision right) => left.Bits > right.Bits;

    /// <summary>δ1 &gt; δ2: the left precision is coarser (has fewer bits).</summary>
    public static bool operator >(Precision left, Precision right) => left.Bits < right.Bits;

    /// <summary>δ1 ≤ δ2.</summary>
    public static bool operator <=(Precision left, Precision right) => left.Bits >= right.Bits;

    /// <summary>δ1 ≥ δ2.</summary>
    public static bool operator >=(Precision left, Precision right) => left.Bits <= right.Bits;
}
