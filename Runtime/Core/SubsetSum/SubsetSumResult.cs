using System;

namespace SlthGen;

/// <summary>How a subset-sum instance ended.</summary>
public enum SubsetSumStatus
{
    /// <summary>A subset summing exactly to the target was found.</summary>
    Solved,

    /// <summary>Proven: no subset sums to the target.</summary>
    NoSolution,

    /// <summary>The work budget ran out before either answer was established.</summary>
    BudgetExceeded,
}

/// <summary>The answer to one subset-sum instance.</summary>
public readonly struct SubsetSumResult
{
    private readonly int[]? _indices;

    internal SubsetSumResult(SubsetSumStatus status, int[]? indices, long work)
    {
        Status = status;
        _indices = indices;
        Work = work;
    }

    /// <summary>Solved, no solution, or budget exceeded.</summary>
    public SubsetSumStatus Status { get; }

    /// <summary>Whether <see cref="Status"/> is <see cref="SubsetSumStatus.Solved"/>.</summary>
    public bool IsSolved => Status == SubsetSumStatus.Solved;

    /// <summary>The chosen indices into the instance's values, ascending (empty unless solved, or when the target is 0).</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>The work spent, in the solver's units (subset sums formed or table cells touched).</summary>
    public long Work { get; }

    /// <summary>The indices as a new array.</summary>
    public int[] ToArray() => _indices is null ? Array.Empty<int>() : (int[])_indices.Clone();

    internal static SubsetSumResult Solved(int[] indices, long work) => new(SubsetSumStatus.Solved, indices, work);

    internal static SubsetSumResult None(long work) => new(SubsetSumStatus.NoSolution, null, work);

    internal static SubsetSumResult OverBudget(long work) => new(SubsetSumStatus.BudgetExceeded, null, work);

    /// <inheritdoc/>
    public override string ToString() => Status == SubsetSumStatus.Solved
        ? "Solved {" + string.Join(", ", _indices ?? Array.Empty<int>()) + "}"
        : Status.ToString();
}
