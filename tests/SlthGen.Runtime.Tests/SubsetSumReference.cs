using System;
using System.Numerics;

namespace SlthGen.Tests;

/// <summary>The obviously-correct reference: every subset, exact 128-bit sums.</summary>
internal static class SubsetSumReference
{
    /// <summary>The minimum cardinality of a subset summing to <paramref name="target"/>, or -1 when none does.</summary>
    public static int MinimumCardinality(long[] values, long target)
    {
        int n = values.Length;
        if (n > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(values), n, "Brute force is for n ≤ 24.");
        }

        // Gray-code walk: one addition per subset.
        Int128 sum = 0;
        int mask = 0, best = target == 0 ? 0 : -1;
        for (int step = 1; step < 1 << n; step++)
        {
            int bit = BitOperations.TrailingZeroCount(step);
            mask ^= 1 << bit;
            sum += (mask >> bit & 1) != 0 ? values[bit] : -(Int128)values[bit];
            if (sum == target)
            {
                int size = BitOperations.PopCount((uint)mask);
                if (best < 0 || size < best)
                {
                    best = size;
                }
            }
        }

        return best;
    }

    /// <summary>Whether some σ ∈ {−1, 1}^n has |σ·x| = |z|.</summary>
    public static bool PartitionExists(long[] values, long z)
    {
        Int128 total = 0;
        foreach (long x in values)
        {
            total += x;
        }

        Int128 target = Int128.Abs(z);
        for (int mask = 0; mask < 1 << values.Length; mask++)
        {
            Int128 dot = total;
            for (int i = 0; i < values.Length; i++)
            {
                if ((mask >> i & 1) != 0)
                {
                    dot -= 2 * (Int128)values[i];
                }
            }

            if (Int128.Abs(dot) == target)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks <paramref name="result"/> against brute force; returns a description of the first violation, or null.</summary>
    public static string? Violation(long[] values, long target, SubsetSumResult result)
    {
        int minimum = MinimumCardinality(values, target);
        string instance = $"values [{string.Join(", ", values)}], target {target}";
        switch (result.Status)
        {
            case SubsetSumStatus.Solved:
                if (!SubsetSumSolver.IsSolution(values, target, result.Indices))
                {
                    return $"not a solution: {result} for {instance}";
                }

                if (minimum < 0)
                {
                    return $"brute force finds no solution but the solver returned {result} for {instance}";
                }

                if (minimum <= 4 && result.Indices.Length != minimum)
                {
                    return $"cardinality {result.Indices.Length}, minimum {minimum}, for {instance}";
                }

                return null;
            case SubsetSumStatus.NoSolution:
                return minimum >= 0 ? $"NoSolution but a solution of {minimum} elements exists for {instance}" : null;
            default:
                return $"budget exceeded on {instance}";
        }
    }
}
