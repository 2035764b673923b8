using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SlthGen;

/// <summary>
/// Exact subset sum: given integers x_1..x_n and a target t, a set S with Σ_{i∈S} x_i = t, or a
/// proof that none exists (the paper's RSSP, Definition 2; Lemma 5 solves one per kept weight).
/// </summary>
public static partial class SubsetSumSolver
{
    /// <summary>Solves one instance.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SubsetSumResult Solve(ReadOnlySpan<long> values, long target, SubsetSumOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SubsetSumOptions.Default;
        return SolveCore(values, target, options.WorkBudget, cancellationToken);
    }

    /// <summary>
    /// Solves every instance of <paramref name="batch"/>, in parallel across cores. Each instance is
    /// solved by the same deterministic procedure, so results never depend on the thread count.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static SubsetSumResult[] SolveBatch(SubsetSumBatch batch, SubsetSumOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (batch is null)
        {
            throw new ArgumentNullException(nameof(batch));
        }

        options ??= SubsetSumOptions.Default;
        var results = new SubsetSumResult[batch.Count];
        long budget = options.WorkBudget;
        const int Chunk = 256;
        int chunks = (batch.Count + Chunk - 1) / Chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, chunks, parallel, c =>
        {
            int end = Math.Min(batch.Count, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++)
            {
                results[i] = SolveCore(batch.Values(i), batch.Target(i), budget, cancellationToken);
            }
        });
        return results;
    }

    /// <summary>Whether <paramref name="indices"/> picks distinct, ascending, in-range values summing to <paramref name="target"/>.</summary>
    public static bool IsSolution(ReadOnlySpan<long> values, long target, ReadOnlySpan<int> indices)
    {
        long sum = 0;
        int previous = -1;
        foreach (int i in indices)
        {
            if (i <= previous || i >= values.Length)
            {
                return false;
            }

            sum += values[i];
            previous = i;
        }

        return sum == target;
    }

    private static SubsetSumResult SolveCore(ReadOnlySpan<long> values, long target, long budget, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (target == 0)
        {
            return SubsetSumResult.Solved(Array.Empty<int>(), 0);
        }

        long positive = 0, negative = 0;
        foreach (long v in values)
        {
            if (v > 0) positive += v; else negative += v;
        }

        if (target > positive || target < negative)
        {
            return SubsetSumResult.None(values.Length);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == target)
            {
                return SubsetSumResult.Solved(new[] { i }, i + 1);
            }
        }

        return MeetInTheMiddle(values, target, budget, cancellationToken);
    }

    private static SubsetSumResult MeetInTheMiddle(ReadOnlySpan<long> values, long target, long budget, CancellationToken cancellationToken)
    {
        int n = values.Length;
        int half = n / 2;
        int rest = n - half;
        if (rest > 30 || (1L << half) + (1L << rest) > budget)
        {
            return SubsetSumResult.OverBudget(0);
        }

        long[] left = SubsetSums(values.Slice(0, half));
        long[] right = SubsetSums(values.Slice(half));
        int[] rightOrder = new int[right.Length];
        for (int i = 0; i < rightOrder.Length; i++) rightOrder[i] = i;
        long[] rightSorted = (long[])right.Clone();
        Array.Sort(rightSorted, rightOrder);
        long work = left.Length + right.Length;
        int best = -1, bestMaskLeft = 0, bestMaskRight = 0;
        for (int mask = 0; mask < left.Length; mask++)
        {
            if ((mask & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            int at = Array.BinarySearch(rightSorted, target - left[mask]);
            if (at < 0)
            {
                continue;
            }

            // Among equal right sums, take the one with fewest elements.
            while (at > 0 && rightSorted[at - 1] == rightSorted[at]) at--;
            for (int j = at; j < rightSorted.Length && rightSorted[j] == rightSorted[at]; j++)
            {
                int count = PopCount((uint)mask) + PopCount((uint)rightOrder[j]);
                if (best < 0 || count < best)
                {
                    best = count;
                    bestMaskLeft = mask;
                    bestMaskRight = rightOrder[j];
                }
            }
        }

        if (best < 0)
        {
            return SubsetSumResult.None(work);
        }

        var indices = new List<int>(best);
        for (int i = 0; i < half; i++) if ((bestMaskLeft >> i & 1) != 0) indices.Add(i);
        for (int i = 0; i < rest; i++) if ((bestMaskRight >> i & 1) != 0) indices.Add(half + i);
        return SubsetSumResult.Solved(indices.ToArray(), work);
    }

    private static long[] SubsetSums(ReadOnlySpan<long> values)
    {
        var sums = new long[1 << values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int size = 1 << i;
            for (int m = 0; m < size; m++) sums[size + m] = sums[m] + values[i];
        }

        return sums;
    }

    private static int PopCount(uint x)
    {
        int c = 0;
        while (x != 0) { x &= x - 1; c++; }
        return c;
    }
}
