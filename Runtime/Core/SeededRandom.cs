using System;

namespace SlthGen;

/// <summary>
/// A seeded, portable stream of uniform integers (SplitMix64 with Lemire's unbiased bounded draw).
/// Used wherever SlthGen needs a reproducible sequence: sampled verification inputs, benchmark
/// instances, theory experiments. The random network itself uses <see cref="RandomWeights"/>,
/// which addresses each weight by its coordinates. Never <see cref="System.Random"/>, whose
/// algorithm is not specified across .NET versions.
/// </summary>
public sealed class SeededRandom
{
    private SplitMix64 _stream;

    /// <summary>Starts the stream whose state is the two's-complement bits of <paramref name="seed"/>.</summary>
    public SeededRandom(long seed) => _stream = new SplitMix64(unchecked((ulong)seed));

    /// <summary>The next raw 64-bit output.</summary>
    public ulong NextUInt64() => _stream.Next();

    /// <summary>A uniform integer in [0, <paramref name="range"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="range"/> is zero.</exception>
    public ulong NextBelow(ulong range)
    {
        if (range == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(range), "The range must hold at least one value.");
        }

        return _stream.NextBelow(range);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>] (both inclusive).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> &lt; <paramref name="min"/>.</exception>
    public long NextInclusive(long min, long max)
    {
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"max must be at least min ({min}).");
        }

        ulong span = unchecked((ulong)(max - min));
        ulong offset = span == ulong.MaxValue ? _stream.Next() : _stream.NextBelow(span + 1);
        return unchecked(min + (long)offset);
    }

    /// <summary>A uniform element of S_δ for δ = 2^-<paramref name="bits"/>: an integer in [-2^bits, 2^bits].</summary>
    public long NextWeight(int bits) => RandomWeights.DrawWeight(ref _stream, new Precision(bits).Bits, excludeZero: false);

    /// <summary>A uniform element of S_δ \ {0}: an integer in [-2^bits, -1] ∪ [1, 2^bits].</summary>
    public long NextNonZeroWeight(int bits) => RandomWeights.DrawWeight(ref _stream, new Precision(bits).Bits, excludeZero: true);
}
