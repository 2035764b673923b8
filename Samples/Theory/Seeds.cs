namespace SlthGen.Samples.Reproduction;

/// <summary>
/// Every random choice of the experiments comes from a <see cref="SeededRandom"/> whose seed is
/// derived from <see cref="Base"/> and the coordinates of the data point (experiment, n, M, …) by
/// <see cref="SplitMix64.Derive"/>. A point's sample therefore depends only on its coordinates,
/// not on the grid around it or on the thread count.
/// </summary>
internal static class Seeds
{
    /// <summary>The root of every seed.</summary>
    public const ulong Base = 0x51_7468_5F54_6865UL;

    /// <summary>The experiments, as the first coordinate.</summary>
    public const long Partition = 1, SubsetSum = 2, Targets = 3;

    /// <summary>The seed for a point with these coordinates.</summary>
    public static long For(params long[] coordinates)
    {
        ulong key = Base;
        foreach (long c in coordinates)
        {
            key = SplitMix64.Derive(key, unchecked((ulong)c));
        }

        return unchecked((long)key);
    }
}
