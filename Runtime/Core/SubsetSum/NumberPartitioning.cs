using System;
using System.Threading;

namespace SlthGen;

/// <summary>
/// The number partitioning problem with a target (the paper's RNPP, Definition 1): signs
/// σ ∈ {−1, 1}^n with |σ·x| = z. Lemma 2: the subset-sum instance (x, t) is solvable iff the
/// partition instance (x, z) is, for z = Λ − 2t and Λ = Σ x_i; a subset S summing to t gives
/// σ_i = −1 on S and +1 elsewhere, so σ·x = Λ − 2t.
/// </summary>
public static class NumberPartitioning
{
    /// <summary>The partition target z = Λ − 2t of the subset-sum instance (<paramref name="values"/>, <paramref name="subsetTarget"/>).</summary>
    /// <param name="values">The values x.</param>
    /// <param name="subsetTarget">The subset-sum target t.</param>
    /// <returns>Λ − 2t, where Λ = Σ x_i.</returns>
    /// <exception cref="OverflowException">Λ − 2t does not fit a 64-bit integer.</exception>
    public static long PartitionTarget(ReadOnlySpan<long> values, long subsetTarget)
    {
        long total = 0;
        foreach (long x in values)
        {
            total = checked(total + x);
        }

        return checked(total - (2 * subsetTarget));
    }

    /// <summary>
    /// The partition of a subset: σ_i = −1 for i in <paramref name="subset"/>, +1 otherwise, so
    /// that σ·x = Λ − 2·Σ_{i∈S} x_i (= z when the subset sums to t).
    /// </summary>
    /// <param name="count">The number of values n.</param>
    /// <param name="subset">Distinct indices in [0, n).</param>
    /// <returns>The signs σ.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or an index is outside [0, n).</exception>
    /// <exception cref="ArgumentException">An index repeats.</exception>
    public static sbyte[] SubsetToPartition(int count, ReadOnlySpan<int> subset)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The number of values must not be negative.");
        }

        var signs = new sbyte[count];
        signs.AsSpan().Fill(1);
        foreach (int i in subset)
        {
            if ((uint)i >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(subset), i, $"Indices must lie in [0, {count}).");
            }

            if (signs[i] < 0)
            {
                throw new ArgumentException($"Index {i} repeats.", nameof(subset));
            }

            signs[i] = -1;
        }

        return signs;
    }

    /// <summary>
    /// The subset of a partition: given σ with |σ·x| = |z| for z = Λ − 2t, the indices (ascending)
    /// of a subset summing to t: {i : σ_i = −1} when σ·x = z, else {i : σ_i = +1} (then σ·x = −z).
    /// </summary>
    /// <param name="values">The values x.</param>
    /// <param name="signs">The partition σ, one sign per value.</param>
    /// <param name="subsetTarget">The subset-sum target t.</param>
    /// <returns>The indices of a subset of <paramref name="values"/> summing to <paramref name="subsetTarget"/>.</returns>
    /// <exception cref="ArgumentException">The lengths differ, a sign is not ±1, or |σ·x| ≠ |Λ − 2t|.</exception>
    /// <exception cref="OverflowException">A sum does not fit a 64-bit integer.</exception>
    public static int[] PartitionToSubset(ReadOnlySpan<long> values, ReadOnlySpan<sbyte> signs, long subsetTarget)
    {
        if (signs.Length != values.Length)
        {
            throw new ArgumentException($"Need one sign per value ({values.Length}), found {signs.Length}.", nameof(signs));
        }

        long dot = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (signs[i] != 1 && signs[i] != -1)
            {
                throw new ArgumentException($"Signs must be -1 or +1; signs[{i}] = {signs[i]}.", nameof(signs));
            }

            dot = checked(dot + (signs[i] * values[i]));
        }

        long z = PartitionTarget(values, subsetTarget);
        sbyte chosen;
        if (dot == z)
        {
            chosen = -1;
        }
        else if (dot == checked(-z))
        {
            chosen = 1;
        }
        else
        {
            throw new ArgumentException($"|σ·x| = |{dot}| differs from |Λ − 2t| = |{z}|.", nameof(signs));
        }

        int size = 0;
        foreach (sbyte sign in signs)
        {
            size += sign == chosen ? 1 : 0;
        }

        var subset = new int[size];
        size = 0;
        for (int i = 0; i < signs.Length; i++)
        {
            if (signs[i] == chosen)
            {
                subset[size++] = i;
            }
        }

        return subset;
    }

    /// <summary>
    /// Solves the partition instance: signs σ with |σ·x| = |<paramref name="z"/>| (as in Lemma 2, the
    /// sign of z does not matter), through the subset-sum solver on the target t = (Λ − |z|)/2.
    /// Λ − |z| odd means no partition exists.
    /// </summary>
    /// <param name="values">The values x.</param>
    /// <param name="z">The partition target.</param>
    /// <param name="options">The subset-sum solver's options.</param>
    /// <param name="cancellationToken">Passed to the solver.</param>
    /// <returns>The status and, when solved, the signs.</returns>
    /// <exception cref="OverflowException">Λ or |z| does not fit a 64-bit integer.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static PartitionResult SolvePartition(ReadOnlySpan<long> values, long z, SubsetSumOptions? options = null, CancellationToken cancellationToken = default)
    {
        long total = 0;
        foreach (long x in values)
        {
            total = checked(total + x);
        }

        long difference = checked(total - Math.Abs(z));
        if ((difference & 1) != 0)
        {
            return new PartitionResult(SubsetSumStatus.NoSolution, null, 0);
        }

        var result = SubsetSumSolver.Solve(values, difference / 2, options, cancellationToken);
        return result.Status == SubsetSumStatus.Solved
            ? new PartitionResult(SubsetSumStatus.Solved, SubsetToPartition(values.Length, result.Indices), result.Work)
            : new PartitionResult(result.Status, null, result.Work);
    }
}

/// <summary>The answer to one number-partitioning instance.</summary>
public readonly struct PartitionResult
{
    private readonly sbyte[]? _signs;

    internal PartitionResult(SubsetSumStatus status, sbyte[]? signs, long work)
    {
        Status = status;
        _signs = signs;
        Work = work;
    }

    /// <summary>Solved, no solution, or budget exceeded (as for subset sum).</summary>
    public SubsetSumStatus Status { get; }

    /// <summary>The signs σ ∈ {−1, 1}^n (empty unless solved).</summary>
    public ReadOnlySpan<sbyte> Signs => _signs;

    /// <summary>The solver work spent.</summary>
    public long Work { get; }
}
