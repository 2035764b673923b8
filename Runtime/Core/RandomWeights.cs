using System;

namespace SlthGen;

/// <summary>
/// The weights of the random network g, addressed by coordinates: the weight of matrix
/// <c>layer</c> (1-based, M_1 first) at (<c>row</c>, <c>column</c>) is a pure function of
/// (seed, layer, row, column). This is the portable scheme of docs/random-network.md:
/// <code>
/// key    = Derive(Derive(Derive(seed, layer), row), column)     Derive(k, c) = Mix(k + INC·(c + 1))
/// stream = SplitMix64(key); weight = bounded draw from stream
/// </code>
/// Addressing weights instead of drawing them in sequence lets compile-time construction and
/// verification touch only the weights they use, makes parallel generation trivially
/// deterministic, and makes a wider g extend a narrower one (same seed, more neurons): so
/// solvability is monotone in the width and the automatic width is truly the smallest.
/// </summary>
public sealed class RandomWeights
{
    private readonly ulong _seed;

    /// <summary>Creates the weight source of g for <paramref name="seed"/> and δin.</summary>
    /// <param name="seed">The network seed (its two's-complement bits are the root key).</param>
    /// <param name="initial">δin, the precision weights are drawn at.</param>
    /// <param name="excludeZero">Draw from S_δin \ {0} (Theorem 2) instead of S_δin.</param>
    public RandomWeights(long seed, Precision initial, bool excludeZero)
    {
        if (initial.Bits == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "default(Precision) is not a precision; construct one with 1 or more bits.");
        }

        _seed = unchecked((ulong)seed);
        Initial = initial;
        ExcludeZero = excludeZero;
    }

    /// <summary>δin.</summary>
    public Precision Initial { get; }

    /// <summary>Whether 0 is excluded from the support (Theorem 2's S_δin \ {0}).</summary>
    public bool ExcludeZero { get; }

    /// <summary>The weight of M_<paramref name="layer"/> at (<paramref name="row"/>, <paramref name="column"/>), in units of δin.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate is negative or the layer is below 1.</exception>
    public long InitialWeight(int layer, long row, long column)
    {
        if (layer < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, "Layers of g are numbered from 1.");
        }

        if (row < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, "A row index cannot be negative.");
        }

        if (column < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "A column index cannot be negative.");
        }

        var stream = new SplitMix64(Key(layer, row, column));
        return DrawWeight(ref stream, Initial.Bits, ExcludeZero);
    }

    /// <summary>
    /// The weight reduced to precision δ: [w]_δ, floor toward −∞ (SPEC), in units of δ.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">δ is finer than δin.</exception>
    public long ReducedWeight(int layer, long row, long column, Precision reduced)
    {
        if (reduced.Bits > Initial.Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(reduced), reduced, $"δ must not be finer than δin ({Initial}).");
        }

        return InitialWeight(layer, row, column) >> (Initial.Bits - reduced.Bits);
    }

    /// <summary>The key shared by a row's weights, Derive(Derive(seed, layer), row): hoisted out of loops over a row.</summary>
    internal ulong RowKey(int layer, long row) => SplitMix64.Derive(SplitMix64.Derive(_seed, (ulong)layer), (ulong)row);

    /// <summary>[M[row, column]]_δ from the row's key (see <see cref="RowKey"/>); no argument checks.</summary>
    internal long ReducedWeight(ulong rowKey, long column, int shift)
    {
        var stream = new SplitMix64(SplitMix64.Derive(rowKey, (ulong)column));
        return DrawWeight(ref stream, Initial.Bits, ExcludeZero) >> shift;
    }

    /// <summary>The key of one weight's stream: Derive(Derive(Derive(seed, layer), row), column).</summary>
    public ulong Key(int layer, long row, long column) =>
        SplitMix64.Derive(SplitMix64.Derive(SplitMix64.Derive(_seed, (ulong)layer), (ulong)row), (ulong)column);

    /// <summary>
    /// One bounded draw: with zero allowed, u ∈ [0, 2^(b+1)] and w = u − 2^b; without zero,
    /// u ∈ [0, 2^(b+1)) and w = u − 2^b for u &lt; 2^b, u − 2^b + 1 otherwise.
    /// </summary>
    internal static long DrawWeight(ref SplitMix64 stream, int bits, bool excludeZero)
    {
        long one = 1L << bits;
        if (excludeZero)
        {
            long u = (long)stream.NextBelow((ulong)(2 * one));
            return u < one ? u - one : u - one + 1;
        }

        return (long)stream.NextBelow((ulong)(2 * one + 1)) - one;
    }
}
