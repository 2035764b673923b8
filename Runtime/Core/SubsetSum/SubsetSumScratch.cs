using System;
using System.Runtime.CompilerServices;

namespace SlthGen;

/// <summary>One slot of an open-addressing table: a key, the generation that wrote it, a payload.</summary>
internal struct SumSlot
{
    public long Key;
    public int Stamp;
    public int Value;
}

/// <summary>
/// An open-addressing (linear probing) table from 64-bit sums to 32-bit payloads, cleared in O(1)
/// by bumping a generation stamp: a slot is occupied only if its stamp equals <see cref="Stamp"/>.
/// In front of it sits a bit filter with 8 bits per slot (16 per key at load ≤ 1/2), so a lookup
/// that misses, the common case, costs one multiply and one bit test that the branch predictor
/// gets right. Both come from one Fibonacci hash h = (key·⌊2^64/φ⌋) &gt;&gt; <see cref="Shift"/>:
/// the filter bit is h, the home slot h &gt;&gt; 3. The hot loops probe the arrays directly.
/// </summary>
internal sealed class SumTable
{
    /// <summary>Fibonacci hashing multiplier ⌊2^64/φ⌋ (odd).</summary>
    public const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    /// <summary>log2 of the filter bits per slot.</summary>
    public const int FilterBits = 3;

    public SumSlot[] Slots = new SumSlot[16];
    public ulong[] Filter = new ulong[2];
    public int Stamp;
    public int Mask = 15;

    /// <summary>64 − log2(filter bits).</summary>
    public int Shift = 57;

    /// <summary>Empties the table and sizes it for <paramref name="count"/> keys at load ≤ 1/2.</summary>
    public void Reset(int count)
    {
        int bits = 4;
        while ((1L << bits) < 2L * count)
        {
            bits++;
        }

        int capacity = 1 << bits;
        if (capacity > Slots.Length)
        {
            Slots = new SumSlot[capacity];
            Filter = new ulong[capacity << FilterBits >> 6];
            Stamp = 0;
        }
        else if (Stamp == int.MaxValue)
        {
            Array.Clear(Slots, 0, Slots.Length);
            Stamp = 0;
        }

        Stamp++;
        Mask = capacity - 1;
        Shift = 64 - bits - FilterBits;
        Array.Clear(Filter, 0, capacity << FilterBits >> 6);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(long key, int shift) => (int)(unchecked((ulong)key * Multiplier) >> shift);
}

/// <summary>Per-thread buffers of the solver, so solving an instance allocates only its answer.</summary>
internal sealed class SubsetSumScratch
{
    [ThreadStatic]
    private static SubsetSumScratch? s_current;

    public static SubsetSumScratch Current => s_current ??= new SubsetSumScratch();

    /// <summary>The nonzero values of the instance (possibly divided by their gcd).</summary>
    public long[] Values = new long[64];

    /// <summary>The original index of each entry of <see cref="Values"/>.</summary>
    public int[] Original = new int[64];

    /// <summary>Compact indices of the solution being assembled.</summary>
    public int[] Found = new int[64];

    public readonly SumTable ValueTable = new();

    // Direct-addressed tables for small value ranges: entry = (stamp << 32) | payload.
    public long[] DirectValues = new long[64];
    public long[] DirectPairs = new long[128];
    public int DirectStamp;
    public readonly SumTable PairTable = new();

    // Bitset dynamic programme.
    public ulong[] Bits = new ulong[256];
    public int[] Order = new int[64];

    // Four-list search: quarter lists A, C indexed by mask; B, D bucketed by residue.
    public long[] SumB = new long[16];
    public int[] ResB = new int[16];
    public long[] SortedA = new long[16], SortedB = new long[16], SortedC = new long[16], SortedD = new long[16];
    public int[] MaskA = new int[16], MaskB = new int[16], MaskC = new int[16], MaskD = new int[16];
    public int[] StartA = new int[16], StartB = new int[16], StartC = new int[16], StartD = new int[16];
    public int[] ItemResidues = new int[64];

    // Chained hash of the pairs c + d of one residue: entry i has PairKeys[i], PairValues[i] and
    // the next entry of its chain PairNext[i] - 1; Heads[h] - 1 starts chain h (0 = empty).
    public long[] PairKeys = new long[16];
    public int[] PairValues = new int[16], PairNext = new int[16], Heads = new int[16];
    public ulong[] PairFilter = new ulong[2];

    public void EnsureItems(int n)
    {
        if (Values.Length < n)
        {
            int size = Math.Max(n, 2 * Values.Length);
            Values = new long[size];
            Original = new int[size];
            Found = new int[size];
            Order = new int[size];
            ItemResidues = new int[size];
        }
    }

    /// <summary>Starts a new generation of the direct tables, sized for a value range of <paramref name="range"/> + 1.</summary>
    public int NextDirectStamp(long range)
    {
        if (DirectValues.Length <= range)
        {
            DirectValues = new long[Math.Max(range + 1, 2 * DirectValues.Length)];
            DirectPairs = new long[2 * DirectValues.Length];
            DirectStamp = 0;
        }
        else if (DirectStamp == int.MaxValue)
        {
            Array.Clear(DirectValues, 0, DirectValues.Length);
            Array.Clear(DirectPairs, 0, DirectPairs.Length);
            DirectStamp = 0;
        }

        return ++DirectStamp;
    }

    public static void Ensure<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, 2 * array.Length)];
        }
    }
}
