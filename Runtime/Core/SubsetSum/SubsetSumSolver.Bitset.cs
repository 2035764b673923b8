using System.Threading;

namespace SlthGen;

public static partial class SubsetSumSolver
{
    /// <summary>The largest bitset programme (n·⌈R/64⌉ words) the solver stores.</summary>
    private const long BitsetMaxWords = 1 << 18;

    /// <summary>
    /// Whether the bitset programme is the cheaper complete search: its n·⌈R/64⌉ word operations
    /// against the 4-list search's 2^(n/2) pair sums when no solution exists.
    /// </summary>
    private static bool BitsetFits(int n, ulong total)
    {
        if (total >= (ulong)BitsetMaxWords * 64)
        {
            return false;
        }

        long words = (long)(total / 64) + 1;
        long cost = n * words;
        long fourList = n >= 50 ? long.MaxValue : 4L << (n / 2);
        return cost <= BitsetMaxWords && cost <= fourList;
    }

    /// <summary>
    /// Reachability of every subset sum, layer by layer (layer i: sums of the first i values in
    /// ascending |x| order, bit p for the sum p − N where N = Σ negatives), then a walk back from t
    /// that takes each value (largest first) whenever the rest can still reach the remainder.
    /// </summary>
    private static SubsetSumStatus BitsetSearch(SubsetSumScratch s, int n, long t, ulong negative, ulong total, ref long work, long budget, CancellationToken cancellationToken, out int count)
    {
        count = 0;
        long[] v = s.Values;
        int words = (int)(total / 64) + 1;
        long cost = (long)n * words;
        if (work + cost > budget)
        {
            return SubsetSumStatus.BudgetExceeded;
        }

        work += cost;

        // Ascending |x| (insertion sort on indices; n is small here).
        int[] order = s.Order;
        for (int i = 0; i < n; i++)
        {
            ulong key = Magnitude(v[i]);
            int j = i - 1;
            while (j >= 0 && Magnitude(v[order[j]]) > key)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = i;
        }

        SubsetSumScratch.Ensure(ref s.Bits, (n + 1) * words);
        ulong[] bits = s.Bits;
        for (int w = 0; w < words; w++)
        {
            bits[w] = 0;
        }

        long origin = (long)negative;
        bits[origin >> 6] = 1UL << (int)(origin & 63);
        for (int i = 0; i < n; i++)
        {
            if ((i & 7) == 7)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ShiftOr(bits, i * words, (i + 1) * words, words, v[order[i]]);
        }

        long position = unchecked(t + origin);
        if (!Test(bits, n * words, position))
        {
            return SubsetSumStatus.NoSolution;
        }

        int[] found = s.Found;
        for (int i = n - 1; i >= 0 && position != origin; i--)
        {
            long x = v[order[i]];
            long previous = position - x;
            if (previous >= 0 && previous < (long)words * 64 && Test(bits, i * words, previous))
            {
                found[count++] = order[i];
                position = previous;
            }
        }

        return SubsetSumStatus.Solved;
    }

    private static bool Test(ulong[] bits, int offset, long position) => ((bits[offset + (int)(position >> 6)] >> (int)(position & 63)) & 1) != 0;

    /// <summary>dst = src | (src shifted by <paramref name="shift"/> bits; positive moves up).</summary>
    private static void ShiftOr(ulong[] bits, int src, int dst, int words, long shift)
    {
        if (shift > 0)
        {
            int q = (int)(shift >> 6), r = (int)(shift & 63);
            int w = words - 1;
            if (r == 0)
            {
                for (; w >= q; w--)
                {
                    bits[dst + w] = bits[src + w] | bits[src + w - q];
                }
            }
            else
            {
                for (; w > q; w--)
                {
                    bits[dst + w] = bits[src + w] | (bits[src + w - q] << r) | (bits[src + w - q - 1] >> (64 - r));
                }

                if (w == q)
                {
                    bits[dst + w] = bits[src + w] | (bits[src] << r);
                    w--;
                }
            }

            for (; w >= 0; w--)
            {
                bits[dst + w] = bits[src + w];
            }
        }
        else
        {
            long e = -shift;
            int q = (int)(e >> 6), r = (int)(e & 63);
            int w = 0;
            int last = words - 1 - q;
            if (r == 0)
            {
                for (; w <= last; w++)
                {
                    bits[dst + w] = bits[src + w] | bits[src + w + q];
                }
            }
            else
            {
                for (; w < last; w++)
                {
                    bits[dst + w] = bits[src + w] | (bits[src + w + q] >> r) | (bits[src + w + q + 1] << (64 - r));
                }

                if (w == last)
                {
                    bits[dst + w] = bits[src + w] | (bits[src + words - 1] >> r);
                    w++;
                }
            }

            for (; w < words; w++)
            {
                bits[dst + w] = bits[src + w];
            }
        }
    }
}
