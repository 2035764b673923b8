using System;
using System.Threading;
using System.Threading.Tasks;

namespace SlthGen;

/// <summary>
/// Solves a layer's instances at a width, and finds the smallest width at which all are solved.
/// Because g's weights are addressed by coordinates and neurons are laid out so that a wider g
/// only appends neurons, every instance at width w+1 has a superset of its values at w:
/// solvability is monotone, so stepping from a start width up (while failing) or down (while
/// succeeding) finds the exact smallest width.
/// </summary>
internal static class WidthSearch
{
    internal readonly record struct Outcome(bool AllSolved, int FirstFailure, SubsetSumStatus FailureStatus, int[][] Solutions, long Solved);

    /// <summary>
    /// Solves every instance at <paramref name="width"/>. With <paramref name="stopAtFailure"/>,
    /// stops early once any instance fails (the verdict stays deterministic; the failure index
    /// reported is then any failing one). Otherwise reports the lowest failing index.
    /// </summary>
    public static Outcome SolveAt(LayerProblem problem, int width, TicketSettings settings, bool stopAtFailure, CancellationToken cancellationToken)
    {
        int count = problem.InstanceCount;
        var solutions = new int[count][];
        int firstFailure = int.MaxValue;
        var failureStatus = SubsetSumStatus.Solved;
        object gate = new();
        long solved = 0;
        const int Chunk = 128;
        int chunks = (count + Chunk - 1) / Chunk;
        int maxValues = problem.MaxValues(width);
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(
            0,
            chunks,
            options,
            () => (Values: new long[maxValues], Members: new int[maxValues]),
            (c, state, scratch) =>
            {
                int end = Math.Min(count, (c + 1) * Chunk);
                for (int i = c * Chunk; i < end; i++)
                {
                    if (state.ShouldExitCurrentIteration && stopAtFailure)
                    {
                        return scratch;
                    }

                    int n = problem.Fill(i, width, scratch.Values, scratch.Members, out long target);
                    var result = SubsetSumSolver.Solve(scratch.Values.AsSpan(0, n), target, settings.Solver, cancellationToken);
                    if (result.IsSolved)
                    {
                        var picked = new int[result.Indices.Length];
                        for (int p = 0; p < picked.Length; p++)
                        {
                            picked[p] = scratch.Members[result.Indices[p]];
                        }

                        solutions[i] = picked;
                        Interlocked.Increment(ref solved);
                        continue;
                    }

                    lock (gate)
                    {
                        if (i < firstFailure)
                        {
                            firstFailure = i;
                            failureStatus = result.Status;
                        }
                    }

                    if (stopAtFailure)
                    {
                        state.Stop();
                        return scratch;
                    }
                }

                return scratch;
            },
            _ => { });
        bool all = firstFailure == int.MaxValue;
        return new Outcome(all, all ? -1 : firstFailure, failureStatus, solutions, solved);
    }

    /// <summary>
    /// The smallest width in [1, max] at which every instance is solved, searching from
    /// <paramref name="start"/>; returns the outcome at that width, or null if even max fails.
    /// Failing widths stop at their first failure, so a search that starts low is cheap.
    /// </summary>
    public static (int Width, Outcome Outcome)? FindSmallest(LayerProblem problem, int start, int max, TicketSettings settings, CancellationToken cancellationToken)
    {
        int width = Math.Max(1, Math.Min(start, max));
        var outcome = SolveAt(problem, width, settings, stopAtFailure: true, cancellationToken);
        if (outcome.AllSolved)
        {
            // Step down while the narrower width still works.
            while (width > 1)
            {
                var narrower = SolveAt(problem, width - 1, settings, stopAtFailure: true, cancellationToken);
                if (!narrower.AllSolved)
                {
                    break;
                }

                width--;
                outcome = narrower;
            }

            return (width, outcome);
        }

        while (width < max)
        {
            width++;
            outcome = SolveAt(problem, width, settings, stopAtFailure: true, cancellationToken);
            if (outcome.AllSolved)
            {
                return (width, outcome);
            }
        }

        return null;
    }
}
