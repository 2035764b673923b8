namespace SlthGen;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a 64-bit state advanced by the golden-ratio
/// increment and passed through a bijective finaliser. Chosen because it is five lines in any
/// language, passes BigCrush, and its state can be derived from a key, which makes every weight
/// of the random network addressable on its own (see docs/random-network.md).
/// </summary>
public struct SplitMix64
{
    /// <summary>The increment INC = ⌊2^64/φ⌋, odd (Steele et al.'s γ; renamed because γ is the activation precision).</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    /// <summary>Starts a stream at <paramref name="state"/>; the first output is Mix(state + Gamma).</summary>
    public SplitMix64(ulong state) => _state = state;

    /// <summary>The current state.</summary>
    public readonly ulong State => _state;

    /// <summary>Advances the state by <see cref="Gamma"/> and returns its mix.</summary>
    public ulong Next()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="range"/>) without modulo bias, by Lemire's
    /// multiply-and-reject method (2019): x·range as a 128-bit product; its high half is the
    /// result unless its low half falls below (2^64 − range) mod range, in which case x is redrawn.
    /// </summary>
    public ulong NextBelow(ulong range)
    {
        ulong x = Next();
        ulong high = UInt128Math.MultiplyHigh(x, range, out ulong low);
        if (low < range)
        {
            ulong threshold = unchecked(0UL - range) % range;
            while (low < threshold)
            {
                x = Next();
                high = UInt128Math.MultiplyHigh(x, range, out low);
            }
        }

        return high;
    }

    /// <summary>The SplitMix64 finaliser (Stafford's "Mix13"), a bijection on 64-bit words.</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>
    /// Derives a new key from <paramref name="key"/> and a coordinate: Mix(key + INC·(coordinate + 1)).
    /// Used to address the random network's weights by (seed, layer, row, column).
    /// </summary>
    public static ulong Derive(ulong key, ulong coordinate) => Mix(unchecked(key + (Gamma * (coordinate + 1))));
}
