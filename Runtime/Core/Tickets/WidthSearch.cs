using System;
using System.Collections.Generic;
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

    /// <summary>Solves every instance at <paramref name="width"/>; reports the lowest failing index and how it failed.</summary>
    public static Outcome SolveAt(LayerProblem problem, int width, TicketSettings settings, CancellationToken cancellationToken)
    {
        int count = problem.InstanceCount;
        var all = new int[count];
        for (int i = 0; i < count; i++)
        {
            all[i] = i;
        }

        var solutions = new int[count][];
        var failed = SolveSome(problem, all, width, settings, solutions, new int[count], cancellationToken);
        if (failed.Length == 0)
        {
            return new Outcome(true, -1, SubsetSumStatus.Solved, solutions, count);
        }

        // Re-solve the first failure alone to learn how it failed (no solution, or budget).
        int first = failed[0];
        var values = new long[problem.MaxValues(width)];
        int n = problem.Fill(first, width, values, new int[values.Length], out long target);
        var status = SubsetSumSolver.Solve(values.AsSpan(0, n), target, settings.Solver, cancellationToken).Status;
        return new Outcome(false, first, status, solutions, count - failed.Length);
    }

    /// <summary>
    /// The smallest width in [1, max] at which every instance is solved, or null if even max
    /// fails. Instances are independent, so each is widened on its own: all are solved at
    /// <paramref name="start"/>, only the failures are retried at growing widths, and then the
    /// width is lowered while the few instances whose solutions use the last positions can be
    /// re-solved below it. Monotonicity (a wider g only appends neurons) makes the result the
    /// true smallest width, at the cost of about one pass over the layer.
    /// </summary>
    /// <param name="problem">The layer (or, for adaptive blocks, one block) to size.</param>
    /// <param name="start">The first width tried.</param>
    /// <param name="max">The largest width tried.</param>
    /// <param name="settings">Solver limits and threads.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="minimum">The smallest width returned: 1 for a whole layer, 0 for one adaptive block (a block whose target weights are all 0 needs no neuron).</param>
    public static (int Width, Outcome Outcome)? FindSmallest(LayerProblem problem, int start, int max, TicketSettings settings, CancellationToken cancellationToken, int minimum = 1)
    {
        int count = problem.InstanceCount;
        var solutions = new int[count][];
        var needed = new int[count];
        var pending = new int[count];
        for (int i = 0; i < count; i++)
        {
            pending[i] = i;
        }

        int width = Math.Max(1, Math.Min(start, max));
        while (true)
        {
            var failed = SolveSome(problem, pending, width, settings, solutions, needed, cancellationToken);
            if (failed.Length == 0)
            {
                break;
            }

            if (width >= max)
            {
                return null;
            }

            width = Math.Min(max, Math.Max(width + 1, width + (width / 4)));
            pending = failed;
        }

        int smallest = Max(needed, minimum);
        while (smallest > minimum)
        {
            int candidate = smallest - 1;
            var redo = new List<int>();
            for (int i = 0; i < count; i++)
            {
                if (needed[i] > candidate)
                {
                    redo.Add(i);
                }
            }

            var trialSolutions = new int[count][];
            var trialNeeded = new int[count];
            if (SolveSome(problem, redo.ToArray(), candidate, settings, trialSolutions, trialNeeded, cancellationToken).Length > 0)
            {
                break;
            }

            foreach (int i in redo)
            {
                solutions[i] = trialSolutions[i];
                needed[i] = trialNeeded[i];
            }

            smallest = Max(needed, minimum);
        }

        return (smallest, new Outcome(true, -1, SubsetSumStatus.Solved, solutions, count));
    }

    /// <summary>Solves the listed instances at a width; records solutions and the width each needs; returns the failures in the order listed (callers list ascending indices).</summary>
    /// <remarks>
    /// An adaptive block layer calls this about 16 times per block side (a 784-input layer: 12,500
    /// calls of a few hundred instances each), so the per-call cost matters. Failures are marked
    /// in an array, not appended under a lock (two threads contending for it cost more than the
    /// solving did). Calls with fewer than <see cref="ParallelMinimum"/> instances run on the
    /// calling thread: measured at 784-500-10 on two cores, handing a side's 500 instances
    /// (about 0.4 ms of solving) to the thread pool made the build slower, not faster.
    /// </remarks>
    private static int[] SolveSome(LayerProblem problem, int[] indices, int width, TicketSettings settings, int[][] solutions, int[] needed, CancellationToken cancellationToken)
    {
        problem.Prepare(width);
        const int Chunk = 128;
        int chunks = (indices.Length + Chunk - 1) / Chunk;
        int maxValues = problem.MaxValues(width);
        var solved = new bool[indices.Length];
        void SolveChunk(int c, long[] values, int[] members)
        {
            int end = Math.Min(indices.Length, (c + 1) * Chunk);
            for (int at = c * Chunk; at < end; at++)
            {
                int i = indices[at];
                int n = problem.Fill(i, width, values, members, out long target);
                var result = SubsetSumSolver.Solve(values.AsSpan(0, n), target, settings.Solver, cancellationToken);
                if (!result.IsSolved)
                {
                    continue;
                }

                var picked = new int[result.Indices.Length];
                int need = 0;
                for (int p = 0; p < picked.Length; p++)
                {
                    picked[p] = members[result.Indices[p]];
                    need = Math.Max(need, problem.WidthNeeded(picked[p]));
                }

                solutions[i] = picked;
                needed[i] = need;
                solved[at] = true;
            }
        }

        if (indices.Length < ParallelMinimum || settings.MaxDegreeOfParallelism == 1)
        {
            var values = new long[maxValues];
            var members = new int[maxValues];
            for (int c = 0; c < chunks; c++)
            {
                SolveChunk(c, values, members);
            }
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            Parallel.For(
                0,
                chunks,
                options,
                () => (Values: new long[maxValues], Members: new int[maxValues]),
                (c, _, scratch) =>
                {
                    SolveChunk(c, scratch.Values, scratch.Members);
                    return scratch;
                },
                _ => { });
        }

        int failures = 0;
        foreach (bool ok in solved)
        {
            failures += ok ? 0 : 1;
        }

        var failed = new int[failures];
        for (int at = 0, f = 0; at < indices.Length; at++)
        {
            if (!solved[at])
            {
                failed[f++] = indices[at];
            }
        }

        return failed;
    }

    /// <summary>The fewest instances a call shares out across threads (about 3 ms of solving at small δ).</summary>
    private const int ParallelMinimum = 4096;

    private static int Max(int[] values, int minimum)
    {
        int max = minimum;
        foreach (int v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
