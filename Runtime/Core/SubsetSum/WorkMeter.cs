using System;
using System.Threading;

namespace SlthGen;

/// <summary>
/// Sums the work of every subset-sum instance solved with <see cref="SubsetSumOptions.Meter"/>
/// set, across threads, and cancels <see cref="Token"/> once the sum passes <see cref="Budget"/>:
/// a total budget over a whole ticket build (every instance, every width tried), on top of the
/// per-instance <see cref="SubsetSumOptions.WorkBudget"/>. Deterministic in outcome: each
/// instance's work depends only on the instance, and the meter adds it when the instance ends, so
/// the running sum never exceeds the full build's total; the build is cancelled exactly when that
/// total is over the budget (check <see cref="Exceeded"/> after the build too, since the last
/// instance may cross the budget after the last cancellation check).
/// </summary>
public sealed class WorkMeter : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private long _total;

    /// <summary>Creates a meter.</summary>
    /// <param name="budget">The total work allowed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not positive.</exception>
    public WorkMeter(long budget)
    {
        if (budget <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The work budget must be positive.");
        }

        Budget = budget;
    }

    /// <summary>The total work allowed.</summary>
    public long Budget { get; }

    /// <summary>The work added so far.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Whether the work added so far is over the budget.</summary>
    public bool Exceeded => Total > Budget;

    /// <summary>Cancelled once the budget is exceeded; link it with the caller's token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Adds one instance's work.</summary>
    public void Add(long work)
    {
        long total = Interlocked.Add(ref _total, Math.Max(0, work));
        if (total > Budget && !_source.IsCancellationRequested)
        {
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The build is over; nothing left to stop.
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _source.Dispose();
}
