using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace SlthGen;

/// <summary>
/// Sizes and solves a block layer with <see cref="BlockLayout.Adaptive"/> blocks
/// (docs/random-network.md, section 5). g's hidden neurons form one pool; blocks are served in
/// input order j = 0, 1, …: block j takes, among the neurons no earlier block took, the P_j
/// lowest-indexed with A[h,j] &gt; 0 and the N_j lowest-indexed with A[h,j] &lt; 0, where P_j
/// and N_j are the exact smallest counts that solve every instance of that side (N_j = 0 when
/// input j is never negative). g's hidden width is one more than the largest neuron taken.
/// Blocks follow one another because a block's offer depends on what earlier blocks took; the
/// instances of one side (one per B row) are shared out across threads only when there are
/// thousands of them (<see cref="WidthSearch"/>). At 784-500-10 (500 rows) the layer is sized on
/// one thread: on this project's two-core machines that was faster than solving a side's
/// instances, or a block's two sides, side by side.
/// </summary>
internal static class AdaptiveBlockLayer
{
    /// <summary>
    /// The sized layer: n_j = P_j + N_j and N_j per block, the block of every hidden neuron (−1
    /// for neurons no block took), g's hidden width, and the chosen B entries (row, hidden neuron).
    /// </summary>
    internal sealed record Result(int[] Widths, int[] Negatives, int Hidden, int[] BlockOf, SparseRows BEntries, long Solved, TicketFailure? Failure);

    /// <summary>Sizes the first <paramref name="blocks"/> blocks (all when it is at least the input count).</summary>
    public static Result Solve(AugmentedLayer layer, RandomWeights weights, Precision delta, int targetBits, int aLayer, int copies, int start, TicketSettings settings, CancellationToken cancellationToken, int blocks = int.MaxValue)
    {
        int count = Math.Min(blocks, layer.Inputs);
        int sideStart = Math.Max(1, start / 2);
        int shift = weights.Initial.Bits - delta.Bits;
        var widths = new int[count];
        var negatives = new int[count];
        var bEntries = new SparseRows(layer.Outputs * copies);
        var owner = new Dictionary<int, int>();
        var leftovers = new List<int>();
        int frontier = 0;
        long solved = 0;
        for (int j = 0; j < count; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offer = new BlockOffer(j, leftovers, frontier);
            var taken = new List<int>();
            foreach (bool negative in new[] { false, true })
            {
                if (negative && !layer.MayBeNegative(j))
                {
                    continue;
                }

                var side = new SideScan(weights, aLayer, shift, offer, negative);
                var problem = new AdaptiveBlockProblem(layer, weights, delta, targetBits, aLayer, copies, side);
                var found = WidthSearch.FindSmallest(problem, sideStart, settings.MaxWidth, settings, cancellationToken, minimum: 0);
                if (found is not { } f)
                {
                    var atCap = WidthSearch.SolveAt(problem, settings.MaxWidth, settings, cancellationToken);
                    var failed = problem.Name(atCap.FirstFailure);
                    string text = string.Format(
                        CultureInfo.InvariantCulture,
                        "No width up to {0} (per sign, in an adaptive block) represents layer {1} exactly: output {2}, input {3}{4} {5}. {6}",
                        settings.MaxWidth,
                        failed.Layer,
                        failed.Output,
                        failed.Input,
                        failed.NegativeSide ? " (negative inputs)" : string.Empty,
                        atCap.FailureStatus == SubsetSumStatus.NoSolution ? "has no exact subset sum" : "exceeded the solver's work budget",
                        TicketBuilder.FinerDeltaAdvice(settings));
                    return new Result(widths, negatives, frontier, Array.Empty<int>(), bEntries, solved, new TicketFailure(TicketFailureKind.NoWidthFound, failed, atCap.FailureStatus, settings.MaxWidth, null, text));
                }

                solved += f.Outcome.Solved;
                widths[j] += f.Width;
                if (negative)
                {
                    negatives[j] = f.Width;
                }

                for (int p = 0; p < f.Width; p++)
                {
                    taken.Add(side.Neurons[p]);
                }

                var rows = f.Outcome.Solutions;
                for (int r = 0; r < rows.Length; r++)
                {
                    bEntries.Add(r, rows[r]);
                }
            }

            // The untaken neurons below the new frontier are offered first to the next block.
            int oldFrontier = frontier;
            foreach (int h in taken)
            {
                owner[h] = j;
                frontier = Math.Max(frontier, h + 1);
            }

            var next = new List<int>(leftovers.Count);
            foreach (int h in leftovers)
            {
                if (!owner.ContainsKey(h))
                {
                    next.Add(h);
                }
            }

            for (int h = oldFrontier; h < frontier; h++)
            {
                if (!owner.ContainsKey(h))
                {
                    next.Add(h);
                }
            }

            leftovers = next;
        }

        var blockOf = new int[frontier];
        for (int h = 0; h < frontier; h++)
        {
            blockOf[h] = owner.TryGetValue(h, out int j) ? j : -1;
        }

        return new Result(widths, negatives, frontier, blockOf, bEntries, solved, null);
    }

    /// <summary>The two pruned layers of g (A block-diagonal, then B) for a sized adaptive layer.</summary>
    public static (TicketLayer A, TicketLayer B) Assemble(AugmentedLayer layer, Result result, int aLayer, int copies, RandomWeights weights, Precision delta)
    {
        int hidden = result.Hidden;
        int rows = layer.Outputs * copies;
        var b = TicketBuilder.Assemble(aLayer + 1, rows, hidden, relu: !layer.IsLast, shift: 2 * delta.Bits, result.BEntries, weights, delta);

        // A keeps exactly the hidden neurons some B row reads, each on its block's input.
        var used = new bool[hidden];
        foreach (int h in b.ColumnIndices)
        {
            used[h] = true;
        }

        var aEntries = new SparseRows(hidden);
        for (int h = 0; h < hidden; h++)
        {
            if (used[h])
            {
                aEntries.Add(h, result.BlockOf[h]);
            }
        }

        var a = TicketBuilder.Assemble(aLayer, hidden, layer.Inputs, relu: true, shift: 0, aEntries, weights, delta);
        return (a, b);
    }
}
