using System;

namespace SlthGen;

/// <summary>Limits for the subset-sum solver.</summary>
public sealed class SubsetSumOptions
{
    /// <summary>The default work budget per instance (about a second of work on one core).</summary>
    public const long DefaultWorkBudget = 1L << 28;

    private readonly long _workBudget = DefaultWorkBudget;
    private readonly int _maxDegreeOfParallelism = -1;

    /// <summary>The shared defaults.</summary>
    public static SubsetSumOptions Default { get; } = new();

    /// <summary>Work allowed per instance before it ends as <see cref="SubsetSumStatus.BudgetExceeded"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not positive.</exception>
    public long WorkBudget
    {
        get => _workBudget;
        init => _workBudget = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(WorkBudget), value, "The work budget must be positive.");
    }

    /// <summary>
    /// When set, <see cref="SubsetSumSolver.Solve"/> adds every instance's work to it: a total
    /// budget over many instances (the generator's SlthGen_SolveWorkBudget). Null by default.
    /// </summary>
    public WorkMeter? Meter { get; init; }

    /// <summary>Threads a batch may use; -1 for all cores. Results never depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or below -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = value == -1 || value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "Use -1 (all cores) or a positive thread count.");
    }
}
