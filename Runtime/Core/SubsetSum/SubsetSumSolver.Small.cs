using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace SlthGen;

public static partial class SubsetSumSolver
{
    /// <summary>
    /// Exhaustive search for solutions of 2, then 3, then 4 elements among the nonzero values
    /// <c>s.Values[0..n)</c> (no single value equals t; the caller checked). Writes the compact
    /// indices to <c>s.Found</c> and returns their count, 0 when there is no such solution, or -1
    /// when the budget does not cover the search.
    /// </summary>
    /// <remarks>
    /// The value table keeps, per value, its smallest index; the pair table keeps, per pair sum, the
    /// pair (i, j), i &lt; j, with the smallest j. Then a triple i &lt; j &lt; k exists iff for some
    /// j &lt; k the smallest index of the value t − x_j − x_k is below j, and a quadruple
    /// i &lt; j &lt; k &lt; l exists iff for some k &lt; l the pair stored under t − x_k − x_l ends
    /// below k. With <paramref name="wide"/> (Σ|x| ≥ 2^64) the pair table is keyed by the exact
    /// pair sum (the 64-bit wrap plus its sign bit) and candidates are checked exactly.
    /// </remarks>
    private static int SearchSmall(SubsetSumScratch s, int n, long t, bool wide, ref long work, long budget, CancellationToken cancellationToken)
    {
        long[] v = s.Values;
        int[] found = s.Found;
        if (!wide)
        {
            long min = v[0], max = v[0];
            for (int i = 1; i < n; i++)
            {
                long x = v[i];
                min = x < min ? x : min;
                max = x > max ? x : max;
            }

            if ((ulong)(max - min) <= DirectRange)
            {
                return SearchSmallDirect(s, n, t, min, max - min, ref work, budget, cancellationToken);
            }
        }

        // Value table: smallest index per value.
        SumTable values = s.ValueTable;
        values.Reset(n);
        SumSlot[] slots = values.Slots;
        ulong[] filter = values.Filter;
        int stamp = values.Stamp, mask = values.Mask, shift = values.Shift;
        for (int i = 0; i < n; i++)
        {
            long key = v[i];
            int f = SumTable.Hash(key, shift);
            filter[f >> 6] |= 1UL << f;
            int h = f >> SumTable.FilterBits;
            while (true)
            {
                ref SumSlot slot = ref slots[h];
                if (slot.Stamp != stamp)
                {
                    slot.Stamp = stamp;
                    slot.Key = key;
                    slot.Value = i;
                    break;
                }

                if (slot.Key == key)
                {
                    break;
                }

                h = (h + 1) & mask;
            }
        }

        // Two elements: i < j with x_i = t − x_j.
        for (int j = 1; j < n; j++)
        {
            int i = Lookup(slots, filter, stamp, mask, shift, unchecked(t - v[j]));
            if (i >= 0 && i < j && (!wide || ExactSum(v, t, i, j, -1, -1)))
            {
                found[0] = i;
                found[1] = j;
                return 2;
            }
        }

        int m = Math.Min(n, SmallCardinalityLimit);
        long pairs = (long)m * (m - 1) / 2;
        work += 2L * n;
        if (m < 3)
        {
            return 0;
        }

        if (work + pairs > budget)
        {
            return -1;
        }

        // Three elements: i < j < k with x_i = t − x_j − x_k.
        work += pairs;
        for (int j = 1; j < m - 1; j++)
        {
            long tj = unchecked(t - v[j]);
            for (int k = j + 1; k < m; k++)
            {
                int i = Lookup(slots, filter, stamp, mask, shift, unchecked(tj - v[k]));
                if (i >= 0 && i < j && (!wide || ExactSum(v, t, i, j, k, -1)))
                {
                    found[0] = i;
                    found[1] = j;
                    found[2] = k;
                    return 3;
                }
            }
        }

        if (m < 4)
        {
            return 0;
        }

        if (work + (2 * pairs) > budget)
        {
            return -1;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Pair table: for each pair sum, the pair (i, j) with the smallest j, packed (j << 16) | i;
        // in wide mode bit 31 tells a negative exact sum (the key is the sum modulo 2^64).
        work += 2 * pairs;
        SumTable pairTable = s.PairTable;
        pairTable.Reset((int)pairs);
        SumSlot[] ps = pairTable.Slots;
        ulong[] pfilter = pairTable.Filter;
        int pstamp = pairTable.Stamp, pmask = pairTable.Mask, pshift = pairTable.Shift;
        for (int j = 1; j < m - 2; j++)
        {
            long xj = v[j];
            for (int i = 0; i < j; i++)
            {
                long xi = v[i];
                long key = unchecked(xi + xj);
                int value = (j << 16) | i;
                if (wide && ExactSign(xi, xj, key))
                {
                    value |= int.MinValue;
                }

                int f = SumTable.Hash(key, pshift);
                pfilter[f >> 6] |= 1UL << f;
                int h = f >> SumTable.FilterBits;
                while (true)
                {
                    ref SumSlot slot = ref ps[h];
                    if (slot.Stamp != pstamp)
                    {
                        slot.Stamp = pstamp;
                        slot.Key = key;
                        slot.Value = value;
                        break;
                    }

                    if (slot.Key == key && (!wide || (slot.Value < 0) == (value < 0)))
                    {
                        break;
                    }

                    h = (h + 1) & pmask;
                }
            }
        }

        // Four elements: i < j < k < l with x_i + x_j = t − x_k − x_l.
        for (int k = 2; k < m - 1; k++)
        {
            long tk = unchecked(t - v[k]);
            for (int l = k + 1; l < m; l++)
            {
                long key = unchecked(tk - v[l]);
                int f = SumTable.Hash(key, pshift);
                if ((pfilter[f >> 6] & (1UL << f)) == 0)
                {
                    continue;
                }

                int h = f >> SumTable.FilterBits;
                while (true)
                {
                    ref SumSlot slot = ref ps[h];
                    if (slot.Stamp != pstamp)
                    {
                        break;
                    }

                    if (slot.Key == key)
                    {
                        int j = (slot.Value >> 16) & 0x7FFF;
                        int i = slot.Value & 0xFFFF;
                        if (j < k && (!wide || ExactSum(v, t, i, j, k, l)))
                        {
                            found[0] = i;
                            found[1] = j;
                            found[2] = k;
                            found[3] = l;
                            return 4;
                        }

                        if (!wide)
                        {
                            break;
                        }
                    }

                    h = (h + 1) & pmask;
                }
            }
        }

        return 0;
    }

    /// <summary>The widest value range (max − min) searched with direct-addressed tables.</summary>
    private const long DirectRange = 1 << 12;

    /// <summary>
    /// <see cref="SearchSmall"/> for values within <paramref name="range"/> ≤ <see cref="DirectRange"/>
    /// of <paramref name="low"/>: the tables are arrays indexed by value − low and pair sum − 2·low,
    /// entries stamped (stamp &lt;&lt; 32 | payload) so they need no clearing.
    /// </summary>
    private static int SearchSmallDirect(SubsetSumScratch s, int n, long t, long low, long range, ref long work, long budget, CancellationToken cancellationToken)
    {
        long[] v = s.Values;
        int[] found = s.Found;
        int stamp = s.NextDirectStamp(range);
        long tag = (long)stamp << 32;
        long[] table = s.DirectValues;

        // Smallest index per value: write in descending order so the smallest stays.
        for (int i = n - 1; i >= 0; i--)
        {
            table[v[i] - low] = tag | (uint)i;
        }

        ulong span = (ulong)range;
        long tl = unchecked(t - low);
        for (int j = 1; j < n; j++)
        {
            long at = unchecked(tl - v[j]);
            if ((ulong)at <= span && (ulong)(table[at] - tag) < (ulong)j)
            {
                found[0] = (int)(table[at] - tag);
                found[1] = j;
                return 2;
            }
        }

        int m = Math.Min(n, SmallCardinalityLimit);
        long pairs = (long)m * (m - 1) / 2;
        work += 2L * n;
        if (m < 3)
        {
            return 0;
        }

        if (work + pairs > budget)
        {
            return -1;
        }

        work += pairs;
        for (int j = 1; j < m - 1; j++)
        {
            long tj = unchecked(tl - v[j]);
            for (int k = j + 1; k < m; k++)
            {
                long at = unchecked(tj - v[k]);
                if ((ulong)at <= span && (ulong)(table[at] - tag) < (ulong)j)
                {
                    found[0] = (int)(table[at] - tag);
                    found[1] = j;
                    found[2] = k;
                    return 3;
                }
            }
        }

        if (m < 4)
        {
            return 0;
        }

        if (work + (2 * pairs) > budget)
        {
            return -1;
        }

        cancellationToken.ThrowIfCancellationRequested();
        work += 2 * pairs;
        long[] pairTable = s.DirectPairs;
        long low2 = 2 * low;
        for (int j = 1; j < m - 2; j++)
        {
            long xj = unchecked(v[j] - low2);
            long payload = tag | ((long)j << 16);
            for (int i = 0; i < j; i++)
            {
                long at = unchecked(xj + v[i]);
                if (pairTable[at] < tag)
                {
                    pairTable[at] = payload | (uint)i;
                }
            }
        }

        ulong span2 = 2 * span;
        long tl2 = unchecked(t - low2);
        for (int k = 2; k < m - 1; k++)
        {
            long tk = unchecked(tl2 - v[k]);
            ulong below = (ulong)k << 16;
            for (int l = k + 1; l < m; l++)
            {
                long at = unchecked(tk - v[l]);
                if ((ulong)at <= span2 && (ulong)(pairTable[at] - tag) < below)
                {
                    long payload = pairTable[at] - tag;
                    found[0] = (int)(payload & 0xFFFF);
                    found[1] = (int)(payload >> 16);
                    found[2] = k;
                    found[3] = l;
                    return 4;
                }
            }
        }

        return 0;
    }

    /// <summary>The payload stored under <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Lookup(SumSlot[] slots, ulong[] filter, int stamp, int mask, int shift, long key)
    {
        int f = SumTable.Hash(key, shift);
        if ((filter[f >> 6] & (1UL << f)) == 0)
        {
            return -1;
        }

        int h = f >> SumTable.FilterBits;
        while (true)
        {
            ref SumSlot slot = ref slots[h];
            if (slot.Stamp != stamp)
            {
                return -1;
            }

            if (slot.Key == key)
            {
                return slot.Value;
            }

            h = (h + 1) & mask;
        }
    }

    /// <summary>Whether the exact sum of <paramref name="a"/> and <paramref name="b"/> (whose wrap is <paramref name="wrapped"/>) is negative.</summary>
    private static bool ExactSign(long a, long b, long wrapped)
    {
        bool overflow = ((a ^ wrapped) & (b ^ wrapped)) < 0;
        return overflow ? a < 0 : wrapped < 0;
    }

    /// <summary>Whether the values at the given compact indices (-1 = unused) sum exactly to t.</summary>
    private static bool ExactSum(long[] v, long t, int a, int b, int c, int d)
    {
        long high = 0;
        ulong low = 0;
        Wide.Add(ref high, ref low, v[a]);
        Wide.Add(ref high, ref low, v[b]);
        if (c >= 0)
        {
            Wide.Add(ref high, ref low, v[c]);
        }

        if (d >= 0)
        {
            Wide.Add(ref high, ref low, v[d]);
        }

        return Wide.Equals(high, low, t);
    }
}
