using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace SlthGen;

/// <summary>
/// Builds exact tickets with the paper's constructions (Appendix B): Theorem 1 (depth 2ℓ,
/// Lemmas 5–7) and Theorem 2 (depth ℓ+1, Lemma 8). Every target weight becomes one or two
/// random subset-sum instances over g's reduced weights; all instances of a layer are solved
/// in parallel, and the result never depends on the thread count.
/// </summary>
public static class TicketBuilder
{
    /// <summary>Builds a ticket for <paramref name="target"/>, or says why none exists at the requested size.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The precisions break the construction's rules (δ² ≤ δt for Theorem 1, δ ≤ δt for Theorem 2).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static TicketBuildResult Build(TargetNetwork target, TicketSettings settings, CancellationToken cancellationToken = default)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        CheckPrecisions(target, settings);
        foreach (var (name, width) in new[] { ("HiddenPerInput", settings.HiddenPerInput), ("Copies", settings.Copies) })
        {
            if (width > settings.MaxWidth)
            {
                string message = $"{name} = {width} is above the width cap {settings.MaxWidth}: g would have at least {width} neurons per input. Raise the cap (MaxWidth, SlthGen_MaxWidth) if you mean it, or use 0 (automatic).";
                return new TicketBuildResult(null, new TicketFailure(TicketFailureKind.GivenWidthAboveCap, null, SubsetSumStatus.Solved, width, null, message));
            }
        }

        foreach (var bound in OverflowAnalysis.Target(target))
        {
            if (!bound.FitsInt64)
            {
                string message = $"The target's sums reach {bound.MaxAbsAccumulator} for inputs in [{target.InputMin}, {target.InputMax}], beyond 64-bit integers; narrow the input range.";
                return new TicketBuildResult(null, new TicketFailure(TicketFailureKind.Overflow, null, SubsetSumStatus.Solved, 0, null, message));
            }
        }

        var clock = Stopwatch.StartNew();
        int count = target.Layers.Count;
        var augmented = new AugmentedLayer[count];
        for (int i = 0; i < count; i++)
        {
            augmented[i] = new AugmentedLayer(target, i);
        }

        var weights = new RandomWeights(settings.Seed, settings.Initial, excludeZero: settings.Construction == TicketConstruction.DepthLPlus1);
        var hidden = new int[count];
        var copies = new int[count];
        var outputs = new int[count];
        for (int i = 0; i < count; i++)
        {
            copies[i] = 1;
            outputs[i] = augmented[i].Outputs;
        }

        var layers = new List<TicketLayer>();
        long instances = 0;
        var delta = settings.Reduced;
        int t = target.TargetPrecision.Bits;
        if (settings.Construction == TicketConstruction.Depth2L)
        {
            for (int i = 0; i < count; i++)
            {
                var problem = new BlockLayerProblem(augmented[i], weights, delta, t, aLayer: (2 * i) + 1, copies: 1);
                var solved = Solve(problem, settings.HiddenPerInput, PredictBlockWidth(delta), settings, cancellationToken);
                if (solved.Failure is not null)
                {
                    return new TicketBuildResult(null, solved.Failure);
                }

                hidden[i] = solved.Width;
                instances += solved.Outcome.Solved;
                AddBlockLayers(layers, problem, augmented[i], solved.Width, solved.Outcome.Solutions, weights, delta, copies: 1);
            }
        }
        else
        {
            // Theorem 2: choose copies from the last layer backwards; layer i's instances read
            // c_{i-1} copies of its inputs and fill c_i copies of its outputs.
            var later = new TicketLayer[count];
            for (int i = count - 1; i >= 1; i--)
            {
                var problem = new CopyLayerProblem(augmented[i], weights, delta, t, gLayer: i + 2, outputCopies: copies[i]);
                var solved = Solve(problem, settings.Copies, PredictCopyWidth(delta), settings, cancellationToken);
                if (solved.Failure is not null)
                {
                    return new TicketBuildResult(null, solved.Failure);
                }

                copies[i - 1] = solved.Width;
                instances += solved.Outcome.Solved;
                later[i] = CopyLayer(problem, augmented[i], copies[i], solved.Width, solved.Outcome.Solutions, weights, delta, gLayer: i + 2);
            }

            var first = new BlockLayerProblem(augmented[0], weights, delta, t, aLayer: 1, copies: copies[0]);
            var firstSolved = Solve(first, settings.HiddenPerInput, PredictBlockWidth(delta), settings, cancellationToken);
            if (firstSolved.Failure is not null)
            {
                return new TicketBuildResult(null, firstSolved.Failure);
            }

            hidden[0] = firstSolved.Width;
            instances += firstSolved.Outcome.Solved;
            AddBlockLayers(layers, first, augmented[0], firstSolved.Width, firstSolved.Outcome.Solutions, weights, delta, copies[0]);
            for (int i = 1; i < count; i++)
            {
                layers.Add(later[i]);
            }
        }

        var shape = new int[count + 1];
        shape[0] = target.InputCount;
        for (int i = 0; i < count; i++)
        {
            shape[i + 1] = target.Layers[i].Outputs;
        }

        long dense = 0, kept = 0;
        foreach (var layer in layers)
        {
            dense += layer.DenseCount;
            kept += layer.KeptCount;
        }

        var ticketLayers = layers.ToArray();
        var overflow = OverflowAnalysis.CheckTicket(target, ticketLayers, augmented[0].ConstantIn);
        if (overflow is not null)
        {
            return new TicketBuildResult(null, new TicketFailure(TicketFailureKind.Overflow, null, SubsetSumStatus.Solved, 0, null, overflow));
        }

        clock.Stop();
        var info = new TicketInfo(
            settings.Construction,
            settings.Seed,
            t,
            settings.Initial.Bits,
            delta.Bits,
            target.Activation.Bits,
            hidden,
            copies,
            shape,
            target.WeightCount,
            dense,
            kept,
            instances,
            clock.Elapsed);
        return new TicketBuildResult(new Ticket(target, settings, ticketLayers, copies, outputs, augmented[0].ConstantIn, info), null);
    }

    /// <summary>Builds a ticket or throws <see cref="InvalidOperationException"/> with the failure's message.</summary>
    public static Ticket BuildOrThrow(TargetNetwork target, TicketSettings settings, CancellationToken cancellationToken = default)
    {
        var result = Build(target, settings, cancellationToken);
        return result.Ticket ?? throw new InvalidOperationException(result.Failure!.Message);
    }

    /// <summary>Checks the precision rules of the construction (SPEC; the paper's theorems).</summary>
    /// <exception cref="ArgumentException">A rule is broken; the message says which and what to change.</exception>
    public static void CheckPrecisions(TargetNetwork target, TicketSettings settings)
    {
        int t = target.TargetPrecision.Bits, b = settings.Reduced.Bits;
        foreach (var problem in PrecisionRules.Check(settings.Construction, t, settings.Initial.Bits, b, target.Activation.Bits))
        {
            switch (problem.Kind)
            {
                case PrecisionProblemKind.Theorem1Precision:
                    throw new ArgumentException($"Theorem 1 needs δ² ≤ δt: with δt = 2^-{t}, δ must have at least {problem.Required} bits (has {b}).", nameof(settings));
                case PrecisionProblemKind.Theorem2Precision:
                    throw new ArgumentException($"Theorem 2 needs δ ≤ δt: with δt = 2^-{t}, δ must have at least {problem.Required} bits (has {b}).", nameof(settings));
            }
        }
    }

    private readonly record struct Solved(int Width, WidthSearch.Outcome Outcome, TicketFailure? Failure);

    private static Solved Solve(LayerProblem problem, int given, int predicted, TicketSettings settings, CancellationToken cancellationToken)
    {
        if (given > 0)
        {
            var outcome = WidthSearch.SolveAt(problem, given, settings, cancellationToken);
            if (outcome.AllSolved)
            {
                return new Solved(given, outcome, null);
            }

            var automatic = WidthSearch.FindSmallest(problem, predicted, settings.MaxWidth, settings, cancellationToken);
            var name = problem.Name(outcome.FirstFailure);
            string suggestion = automatic is { } a
                ? string.Format(CultureInfo.InvariantCulture, "the automatic width for this layer is {0}", a.Width)
                : string.Format(CultureInfo.InvariantCulture, "no width up to {0} works either", settings.MaxWidth);
            string message = string.Format(
                CultureInfo.InvariantCulture,
                "Width {0} is too small: layer {1}, output {2}{3}, input {4}{5} {6}; {7}. Use 0 (automatic) or a larger width.",
                given,
                name.Layer,
                name.Output,
                name.Copy > 0 ? $" (copy {name.Copy})" : string.Empty,
                name.Input,
                name.NegativeSide ? " (negative inputs)" : string.Empty,
                outcome.FailureStatus == SubsetSumStatus.NoSolution ? "has no exact subset sum" : "exceeded the solver's work budget",
                suggestion);
            return new Solved(given, outcome, new TicketFailure(TicketFailureKind.GivenWidthTooSmall, name, outcome.FailureStatus, given, automatic?.Width, message));
        }

        var found = WidthSearch.FindSmallest(problem, predicted, settings.MaxWidth, settings, cancellationToken);
        if (found is { } f)
        {
            return new Solved(f.Width, f.Outcome, null);
        }

        var atCap = WidthSearch.SolveAt(problem, settings.MaxWidth, settings, cancellationToken);
        var failed = problem.Name(atCap.FirstFailure);
        string text = string.Format(
            CultureInfo.InvariantCulture,
            "No width up to {0} represents layer {1} exactly: output {2}, input {3} {4}. {5}",
            settings.MaxWidth,
            failed.Layer,
            failed.Output,
            failed.Input,
            atCap.FailureStatus == SubsetSumStatus.NoSolution ? "has no exact subset sum" : "exceeded the solver's work budget",
            FinerDeltaAdvice(settings));
        return new Solved(settings.MaxWidth, atCap, new TicketFailure(TicketFailureKind.NoWidthFound, failed, atCap.FailureStatus, settings.MaxWidth, null, text));
    }

    /// <summary>What to change after no width worked: a finer δ only where one exists (δ can be no finer than δin, nor than 2^-MaxBits).</summary>
    private static string FinerDeltaAdvice(TicketSettings settings)
    {
        int b = settings.Reduced.Bits, init = settings.Initial.Bits;
        string finer = b < init
            ? string.Format(CultureInfo.InvariantCulture, ", or use a finer δ (TicketBits up to InitBits = {0})", init)
            : b < Precision.MaxBits
                ? string.Format(CultureInfo.InvariantCulture, ", or a finer δ together with a finer δin (TicketBits = InitBits = {0} now; δ can be no finer than δin)", b)
                : string.Empty;
        return "Raise the width cap or the solver budget" + finer + ".";
    }

    /// <summary>
    /// Where the width search starts for a block layer: the theory's prediction (Lemmas 1 and 3,
    /// <see cref="Theory.PredictWidth(double, double)"/>) for products of magnitude up to 4^b,
    /// doubled because an instance uses only the neurons of one sign of a. The search then finds
    /// the exact smallest width from there.
    /// </summary>
    private static int PredictBlockWidth(Precision delta) => 2 * Theory.PredictWidth(Math.Pow(4, delta.Bits));

    /// <summary>Where the copy search starts: the prediction for plain δ-weights of magnitude up to 2^b.</summary>
    private static int PredictCopyWidth(Precision delta) => Theory.PredictWidth(Math.Pow(2, delta.Bits));

    private static void AddBlockLayers(List<TicketLayer> layers, BlockLayerProblem problem, AugmentedLayer layer, int width, int[][] solutions, RandomWeights weights, Precision delta, int copies)
    {
        int d = layer.Inputs;
        int hiddenCount = width * d;
        int rows = layer.Outputs * copies;
        int aLayer = layers.Count + 1;
        var bRows = new SortedSet<int>[rows];
        var usedHidden = new bool[hiddenCount];
        for (int i = 0; i < solutions.Length; i++)
        {
            int row = problem.Row(i);
            foreach (int h in solutions[i])
            {
                (bRows[row] ??= new SortedSet<int>()).Add(h);
                usedHidden[h] = true;
            }
        }

        var aEntries = new SortedSet<int>[hiddenCount];
        for (int h = 0; h < hiddenCount; h++)
        {
            if (usedHidden[h])
            {
                aEntries[h] = new SortedSet<int> { h % d };
            }
        }

        layers.Add(Assemble(aLayer, hiddenCount, d, relu: true, shift: 0, aEntries, weights, delta));
        layers.Add(Assemble(aLayer + 1, rows, hiddenCount, relu: !layer.IsLast, shift: 2 * delta.Bits, bRows, weights, delta));
    }

    private static TicketLayer CopyLayer(CopyLayerProblem problem, AugmentedLayer layer, int outputCopies, int inputCopies, int[][] solutions, RandomWeights weights, Precision delta, int gLayer)
    {
        int rows = layer.Outputs * outputCopies;
        var entries = new SortedSet<int>[rows];
        for (int i = 0; i < solutions.Length; i++)
        {
            int row = problem.Row(i);
            foreach (int column in solutions[i])
            {
                (entries[row] ??= new SortedSet<int>()).Add(column);
            }
        }

        return Assemble(gLayer, rows, inputCopies * layer.Inputs, relu: !layer.IsLast, shift: delta.Bits, entries, weights, delta);
    }

    private static TicketLayer Assemble(int gLayer, int rows, int columns, bool relu, int shift, SortedSet<int>?[] entries, RandomWeights weights, Precision delta)
    {
        var rowStart = new int[rows + 1];
        int total = 0;
        for (int r = 0; r < rows; r++)
        {
            rowStart[r] = total;
            total += entries[r]?.Count ?? 0;
        }

        rowStart[rows] = total;
        var columnIndices = new int[total];
        var kept = new long[total];
        int at = 0;
        for (int r = 0; r < rows; r++)
        {
            if (entries[r] is not { } set)
            {
                continue;
            }

            foreach (int c in set)
            {
                columnIndices[at] = c;
                kept[at] = weights.ReducedWeight(gLayer, r, c, delta);
                at++;
            }
        }

        return new TicketLayer(gLayer, rows, columns, relu, shift, rowStart, columnIndices, kept);
    }
}
