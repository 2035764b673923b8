using System;
using System.Threading;

namespace SlthGen;

public static partial class SubsetSumSolver
{
    /// <summary>The largest quarter: 2^16 subset sums per list (masks pack into 16 bits).</summary>
    private const int QuarterMaxBits = 16;

    /// <summary>The most pairs c + d hashed at once; more are matched in chunks.</summary>
    private const int ChunkCapacity = 1 << 16;

    /// <summary>The most pairs c + d per residue the modulus aims at (a table that stays in cache).</summary>
    private const int CacheCapacity = 1 << 14;

    /// <summary>Residues per expected solution: M ≈ 2·E[#solutions] leaves about 2.5 residues to try.</summary>
    private const double SolutionFactor = 2;

    /// <summary>
    /// Schroeppel–Shamir with a modular constraint over the nonzero values <c>s.Values[0..n)</c>
    /// (Σ|x| &lt; 2^64, so sums modulo 2^64 decide equality). The first 4·16 values at most form the
    /// quarters A, B, C, D; any further values are enumerated outside (Gray code), each of their
    /// subsets shifting the target, which keeps memory bounded and the search complete.
    /// </summary>
    private static SubsetSumStatus FourListSearch(SubsetSumScratch s, int n, long t, int forcedModulus, ref long work, long budget, CancellationToken cancellationToken, out int count)
    {
        count = 0;
        long[] v = s.Values;
        int core = Math.Min(n, 4 * QuarterMaxBits);
        int extra = n - core;
        int rem = core % 4, quarter = core / 4;
        int qa = quarter + (rem >= 1 ? 1 : 0);
        int qc = quarter + (rem >= 2 ? 1 : 0);
        int qb = quarter + (rem >= 3 ? 1 : 0);
        int qd = quarter;
        int firstB = qa, firstC = qa + qb, firstD = qa + qb + qc;
        int sizeA = 1 << qa, sizeB = 1 << qb, sizeC = 1 << qc, sizeD = 1 << qd;

        int modulus = forcedModulus > 0 ? forcedModulus : ChooseModulus(v, n, t, qa, qb, sizeC, sizeD);
        long setup = sizeA + sizeB + sizeC + sizeD + (2L * modulus) + n;
        if (work + setup > budget)
        {
            return SubsetSumStatus.BudgetExceeded;
        }

        work += setup;
        int[] itemRes = s.ItemResidues;
        for (int i = 0; i < n; i++)
        {
            itemRes[i] = Residue(v[i], modulus);
        }

        // Each quarter's subset sums, bucketed by residue: bucket r of X is
        // SortedX[StartX[r]..StartX[r+1]) with the masks in MaskX.
        int big = Math.Max(Math.Max(sizeA, sizeB), Math.Max(sizeC, sizeD));
        SubsetSumScratch.Ensure(ref s.SumB, big);
        SubsetSumScratch.Ensure(ref s.ResB, big);
        SubsetSumScratch.Ensure(ref s.SortedA, sizeA);
        SubsetSumScratch.Ensure(ref s.MaskA, sizeA);
        SubsetSumScratch.Ensure(ref s.SortedB, sizeB);
        SubsetSumScratch.Ensure(ref s.MaskB, sizeB);
        SubsetSumScratch.Ensure(ref s.SortedC, sizeC);
        SubsetSumScratch.Ensure(ref s.MaskC, sizeC);
        SubsetSumScratch.Ensure(ref s.SortedD, sizeD);
        SubsetSumScratch.Ensure(ref s.MaskD, sizeD);
        SubsetSumScratch.Ensure(ref s.StartA, modulus + 1);
        SubsetSumScratch.Ensure(ref s.StartB, modulus + 1);
        SubsetSumScratch.Ensure(ref s.StartC, modulus + 1);
        SubsetSumScratch.Ensure(ref s.StartD, modulus + 1);
        Expand(v, itemRes, 0, qa, s.SumB, s.ResB, modulus);
        Bucket(s.SumB, s.ResB, sizeA, modulus, s.SortedA, s.MaskA, s.StartA);
        Expand(v, itemRes, firstB, qb, s.SumB, s.ResB, modulus);
        Bucket(s.SumB, s.ResB, sizeB, modulus, s.SortedB, s.MaskB, s.StartB);
        Expand(v, itemRes, firstC, qc, s.SumB, s.ResB, modulus);
        Bucket(s.SumB, s.ResB, sizeC, modulus, s.SortedC, s.MaskC, s.StartC);
        Expand(v, itemRes, firstD, qd, s.SumB, s.ResB, modulus);
        Bucket(s.SumB, s.ResB, sizeD, modulus, s.SortedD, s.MaskD, s.StartD);

        // Outer enumeration of the extra values in Gray-code order: gray is the chosen subset,
        // te = t − Σ gray (mod 2^64) and rte its exact residue.
        long te = t;
        int rte = Residue(t, modulus);
        ulong gray = 0;
        for (ulong step = 1; ; step++)
        {
            var status = MatchResidues(s, te, rte, modulus, sizeC, sizeD, PopCount(gray), ref work, budget, cancellationToken, out Match best);
            if (status == SubsetSumStatus.Solved)
            {
                int[] found = s.Found;
                AddBits(found, ref count, best.A, 0);
                AddBits(found, ref count, best.B, firstB);
                AddBits(found, ref count, best.C, firstC);
                AddBits(found, ref count, best.D, firstD);
                for (int i = 0; i < extra; i++)
                {
                    if (((gray >> i) & 1) != 0)
                    {
                        found[count++] = core + i;
                    }
                }

                return SubsetSumStatus.Solved;
            }

            if (status == SubsetSumStatus.BudgetExceeded)
            {
                return status;
            }

            if (extra < 64 && (step >> extra) != 0)
            {
                return SubsetSumStatus.NoSolution;
            }

            int bit = TrailingZeros(step);
            long x = v[core + bit];
            int rx = itemRes[core + bit];
            if (((gray >> bit) & 1) != 0)
            {
                te = unchecked(te + x);
                rte += rx;
                if (rte >= modulus)
                {
                    rte -= modulus;
                }
            }
            else
            {
                te = unchecked(te - x);
                rte -= rx;
                if (rte < 0)
                {
                    rte += modulus;
                }
            }

            gray ^= 1UL << bit;
        }
    }

    /// <summary>
    /// Runs r = 0, 1, … through the residues until one holds a solution a + b + c + d = t with
    /// a + b ≡ r: returns the sparsest solution of that residue, as masks of the four quarters.
    /// For each r the pairs c + d ≡ t − r (bucket pairs (rc, t − r − rc)) are appended to a chained
    /// hash table (branch-free: next[i] = head[h], head[h] = i) with a bit filter in front; then
    /// the pairs a + b ≡ r (bucket pairs (ra, r − ra)) are looked up as t − a − b. A residue whose
    /// pairs overflow the table (skewed residues) is matched in chunks.
    /// </summary>
    private static SubsetSumStatus MatchResidues(SubsetSumScratch s, long t, int rt, int modulus, int sizeC, int sizeD, int extraCount, ref long work, long budget, CancellationToken cancellationToken, out Match best)
    {
        best = new Match { Count = int.MaxValue };
        long[] sortedC = s.SortedC, sortedD = s.SortedD;
        int[] maskC = s.MaskC, maskD = s.MaskD, startC = s.StartC, startD = s.StartD;
        long expected = ((long)sizeC * sizeD / modulus) + (sizeD / modulus) + 16;
        int capacity = (int)Math.Min(ChunkCapacity, expected + (expected / 4));
        int bits = 4;
        while ((1 << bits) < capacity)
        {
            bits++;
        }

        int heads = 1 << bits;
        int filterWords = heads << SumTable.FilterBits >> 6;
        int shift = 64 - bits - SumTable.FilterBits;
        SubsetSumScratch.Ensure(ref s.PairKeys, capacity);
        SubsetSumScratch.Ensure(ref s.PairValues, capacity);
        SubsetSumScratch.Ensure(ref s.PairNext, capacity);
        SubsetSumScratch.Ensure(ref s.Heads, heads);
        SubsetSumScratch.Ensure(ref s.PairFilter, filterWords);
        long[] keys = s.PairKeys;
        int[] values = s.PairValues, next = s.PairNext, head = s.Heads;
        ulong[] filter = s.PairFilter;
        for (int r = 0; r < modulus; r++)
        {
            if ((r & 7) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int u = rt - r;
            if (u < 0)
            {
                u += modulus;
            }

            Array.Clear(head, 0, heads);
            Array.Clear(filter, 0, filterWords);
            int count = 0;
            work += modulus;
            for (int rc = 0; rc < modulus; rc++)
            {
                int rd = u - rc;
                if (rd < 0)
                {
                    rd += modulus;
                }

                int cBegin = startC[rc], cEnd = startC[rc + 1], dBegin = startD[rd], dEnd = startD[rd + 1];
                if (cBegin == cEnd || dBegin == dEnd)
                {
                    continue;
                }

                for (int c = cBegin; c < cEnd; c++)
                {
                    if (count + (dEnd - dBegin) > capacity)
                    {
                        // Skewed residue: match what is stored, then start over.
                        work += count;
                        if (!ScanPairs(s, t, r, modulus, shift, extraCount, ref work, budget, ref best))
                        {
                            return SubsetSumStatus.BudgetExceeded;
                        }

                        Array.Clear(head, 0, heads);
                        Array.Clear(filter, 0, filterWords);
                        count = 0;
                    }

                    long sc = sortedC[c];
                    int cBits = maskC[c] << 16;
                    for (int k = dBegin; k < dEnd; k++)
                    {
                        long key = unchecked(sc + sortedD[k]);
                        int f = SumTable.Hash(key, shift);
                        int h = f >> SumTable.FilterBits;
                        filter[f >> 6] |= 1UL << f;
                        keys[count] = key;
                        values[count] = cBits | maskD[k];
                        next[count] = head[h];
                        head[h] = ++count;
                    }
                }
            }

            work += count;
            if (!ScanPairs(s, t, r, modulus, shift, extraCount, ref work, budget, ref best))
            {
                return SubsetSumStatus.BudgetExceeded;
            }

            if (best.Count != int.MaxValue)
            {
                return SubsetSumStatus.Solved;
            }
        }

        return SubsetSumStatus.NoSolution;
    }

    /// <summary>A solution of the 4-list search: a mask per quarter and its size.</summary>
    private struct Match
    {
        public int A, B, C, D, Count;
    }

    /// <summary>Looks up t − a − b for every pair a + b ≡ r (mod M) among the stored pairs c + d; false when over budget.</summary>
    private static bool ScanPairs(SubsetSumScratch s, long t, int r, int modulus, int shift, int extraCount, ref long work, long budget, ref Match best)
    {
        long[] sortedA = s.SortedA, sortedB = s.SortedB, keys = s.PairKeys;
        int[] maskA = s.MaskA, maskB = s.MaskB, startA = s.StartA, startB = s.StartB, values = s.PairValues, next = s.PairNext, head = s.Heads;
        ulong[] filter = s.PairFilter;
        long scanned = modulus;
        for (int ra = 0; ra < modulus; ra++)
        {
            int rb = r - ra;
            if (rb < 0)
            {
                rb += modulus;
            }

            int aBegin = startA[ra], aEnd = startA[ra + 1], bBegin = startB[rb], bEnd = startB[rb + 1];
            if (aBegin == aEnd || bBegin == bEnd)
            {
                continue;
            }

            scanned += (long)(aEnd - aBegin) * (bEnd - bBegin);
            for (int a = aBegin; a < aEnd; a++)
            {
                long ta = unchecked(t - sortedA[a]);
                for (int k = bBegin; k < bEnd; k++)
                {
                    long key = unchecked(ta - sortedB[k]);
                    int f = SumTable.Hash(key, shift);
                    if ((filter[f >> 6] & (1UL << f)) == 0)
                    {
                        continue;
                    }

                    for (int j = head[f >> SumTable.FilterBits]; j != 0; j = next[j - 1])
                    {
                        if (keys[j - 1] == key)
                        {
                            int size = PopCount((uint)maskA[a]) + PopCount((uint)maskB[k]) + PopCount((uint)values[j - 1]) + extraCount;
                            if (size < best.Count)
                            {
                                best = new Match { A = maskA[a], B = maskB[k], C = (int)((uint)values[j - 1] >> 16), D = values[j - 1] & 0xFFFF, Count = size };
                            }
                        }
                    }
                }
            }

            if (work + scanned > budget)
            {
                work += scanned;
                return false;
            }
        }

        work += scanned;
        return work <= budget;
    }

    /// <summary>
    /// A prime modulus M ≈ 2·(expected number of solutions), so that about half the residues hold
    /// one, clamped to [|C||D| / CacheCapacity, 2^⌊(qa+qb)/2⌋ ≈ √(|A||B|)]. The expectation is the
    /// local central-limit estimate 2^n·φ(t; Λ/2, Σx²/4); it only steers speed, never correctness.
    /// </summary>
    private static int ChooseModulus(long[] v, int n, long t, int qa, int qb, int sizeC, int sizeD)
    {
        double sum = 0, squares = 0;
        for (int i = 0; i < n; i++)
        {
            double x = v[i];
            sum += x;
            squares += x * x;
        }

        double variance = squares / 4;
        double deviation = t - (sum / 2);
        double log2Expected = n - (deviation * deviation / (2 * variance) / Math.Log(2)) - (0.5 * Math.Log(2 * Math.PI * variance, 2));
        double high = Math.Pow(2, (qa + qb) / 2);
        double low = Math.Max(1, (double)sizeC * sizeD / CacheCapacity);
        double wanted = log2Expected > 40 ? high : Math.Pow(2, log2Expected) * SolutionFactor;
        wanted = Math.Max(low, Math.Min(high, wanted));
        return LargestPrimeAtMost((int)wanted);
    }

    private static int LargestPrimeAtMost(int x)
    {
        if (x < 2)
        {
            return 1;
        }

        for (int p = x; ; p--)
        {
            bool prime = true;
            for (int d = 2; d * d <= p; d++)
            {
                if (p % d == 0)
                {
                    prime = false;
                    break;
                }
            }

            if (prime)
            {
                return p;
            }
        }
    }

    private static int Residue(long x, int modulus)
    {
        long r = x % modulus;
        return (int)(r < 0 ? r + modulus : r);
    }

    /// <summary>The 2^q subset sums (mod 2^64) and residues of <c>v[first..first+q)</c>, indexed by mask.</summary>
    private static void Expand(long[] v, int[] itemRes, int first, int q, long[] sums, int[] res, int modulus)
    {
        sums[0] = 0;
        res[0] = 0;
        for (int i = 0; i < q; i++)
        {
            long x = v[first + i];
            int rx = itemRes[first + i];
            int size = 1 << i;
            for (int m = 0; m < size; m++)
            {
                sums[size + m] = unchecked(sums[m] + x);
                int r = res[m] + rx;
                res[size + m] = r >= modulus ? r - modulus : r;
            }
        }
    }

    /// <summary>Counting sort of the sums by residue: bucket r is <c>sorted[start[r]..start[r+1])</c>, masks ascending.</summary>
    private static void Bucket(long[] sums, int[] res, int size, int modulus, long[] sorted, int[] masks, int[] start)
    {
        Array.Clear(start, 0, modulus + 1);
        for (int m = 0; m < size; m++)
        {
            start[res[m]]++;
        }

        int running = 0;
        for (int r = 0; r < modulus; r++)
        {
            running += start[r];
            start[r] = running;
        }

        for (int m = size - 1; m >= 0; m--)
        {
            int p = --start[res[m]];
            sorted[p] = sums[m];
            masks[p] = m;
        }

        start[modulus] = size;
    }

    private static void AddBits(int[] found, ref int count, int mask, int first)
    {
        for (int i = 0; mask != 0; i++, mask >>= 1)
        {
            if ((mask & 1) != 0)
            {
                found[count++] = first + i;
            }
        }
    }

    private static int TrailingZeros(ulong x)
    {
#if NET8_0_OR_GREATER
        return System.Numerics.BitOperations.TrailingZeroCount(x);
#else
        int n = 0;
        while ((x & 1) == 0)
        {
            x >>= 1;
            n++;
        }

        return n;
#endif
    }
}
