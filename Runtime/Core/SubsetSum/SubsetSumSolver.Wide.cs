using System;
using System.Threading;

namespace SlthGen;

public static partial class SubsetSumSolver
{
    /// <summary>The most values the exact 128-bit meet-in-the-middle holds in its two halves.</summary>
    private const int WideCoreLimit = 40;

    /// <summary>One subset sum of a half, exact: High·2^64 + Low, with its mask.</summary>
    private struct WideSum : IComparable<WideSum>
    {
        public long High;
        public ulong Low;
        public int Mask;
        public int Count;

        public readonly int CompareTo(WideSum other)
        {
            int c = Wide.Compare(High, Low, other.High, other.Low);
            if (c != 0)
            {
                return c;
            }

            c = Count.CompareTo(other.Count);
            return c != 0 ? c : Mask.CompareTo(other.Mask);
        }
    }

    /// <summary>
    /// The complete search for instances whose sums do not fit 64 bits (Σ|x| ≥ 2^64): a
    /// meet-in-the-middle over the first ≤ 40 values with exact 128-bit sums, returning a solution
    /// of minimum cardinality among those values; further values are enumerated outside in Gray-code
    /// order (each subset shifting the target), so the search stays complete. Rare; allocates.
    /// </summary>
    private static SubsetSumStatus WideSearch(SubsetSumScratch s, int n, long t, ref long work, long budget, CancellationToken cancellationToken, out int count)
    {
        count = 0;
        long[] v = s.Values;
        int core = Math.Min(n, WideCoreLimit);
        int extra = n - core;
        int left = core / 2, right = core - left;
        long setup = (1L << left) + ((long)right << right);
        if (work + setup > budget)
        {
            return SubsetSumStatus.BudgetExceeded;
        }

        work += setup;
        var rightSums = new WideSum[1 << right];
        for (int i = 0; i < right; i++)
        {
            int size = 1 << i;
            long x = v[left + i];
            for (int m = 0; m < size; m++)
            {
                WideSum e = rightSums[m];
                Wide.Add(ref e.High, ref e.Low, x);
                e.Mask = size + m;
                e.Count++;
                rightSums[size + m] = e;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        Array.Sort(rightSums);
        var leftHigh = new long[1 << left];
        var leftLow = new ulong[1 << left];
        for (int i = 0; i < left; i++)
        {
            int size = 1 << i;
            for (int m = 0; m < size; m++)
            {
                long h = leftHigh[m];
                ulong l = leftLow[m];
                Wide.Add(ref h, ref l, v[i]);
                leftHigh[size + m] = h;
                leftLow[size + m] = l;
            }
        }

        long targetHigh = t < 0 ? -1 : 0;
        ulong targetLow = unchecked((ulong)t);
        ulong gray = 0;
        for (ulong step = 1; ; step++)
        {
            int best = int.MaxValue, bestLeft = 0, bestRight = 0;
            work += (long)(right + 1) << left;
            if (work > budget)
            {
                return SubsetSumStatus.BudgetExceeded;
            }

            for (int m = 0; m < leftHigh.Length; m++)
            {
                if ((m & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                long needHigh = targetHigh;
                ulong needLow = targetLow;
                SubtractWide(ref needHigh, ref needLow, leftHigh[m], leftLow[m]);

                // First entry ≥ (need, count 0): the sparsest right half with that sum.
                int lo = 0, hi = rightSums.Length;
                while (lo < hi)
                {
                    int mid = (lo + hi) >>> 1;
                    if (Wide.Compare(rightSums[mid].High, rightSums[mid].Low, needHigh, needLow) < 0)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                if (lo < rightSums.Length && rightSums[lo].High == needHigh && rightSums[lo].Low == needLow)
                {
                    int size = PopCount((uint)m) + rightSums[lo].Count;
                    if (size < best)
                    {
                        best = size;
                        bestLeft = m;
                        bestRight = rightSums[lo].Mask;
                    }
                }
            }

            if (best != int.MaxValue)
            {
                int[] found = s.Found;
                AddBits(found, ref count, bestLeft, 0);
                AddBits(found, ref count, bestRight, left);
                for (int i = 0; i < extra; i++)
                {
                    if (((gray >> i) & 1) != 0)
                    {
                        found[count++] = core + i;
                    }
                }

                return SubsetSumStatus.Solved;
            }

            if (extra < 64 && (step >> extra) != 0)
            {
                return SubsetSumStatus.NoSolution;
            }

            int bit = TrailingZeros(step);
            long x = v[core + bit];
            if (((gray >> bit) & 1) != 0)
            {
                Wide.Add(ref targetHigh, ref targetLow, x);
            }
            else
            {
                Wide.Subtract(ref targetHigh, ref targetLow, x);
            }

            gray ^= 1UL << bit;
        }
    }

    private static void SubtractWide(ref long high, ref ulong low, long otherHigh, ulong otherLow)
    {
        ulong difference = unchecked(low - otherLow);
        high = unchecked(high - otherHigh - (difference > low ? 1 : 0));
        low = difference;
    }
}
