using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace SlthGen;

/// <summary>
/// Builds exact tickets with the paper's constructions (Appendix B): Theorem 1 (depth 2ℓ,
/// Lemmas 5–7) and Theorem 2 (depth ℓ+1, Lemma 8). Every target weight becomes one or two
/// random subset-sum instances over g's reduced weights; a layer's instances are solved in
/// parallel when there are thousands of them (<see cref="WidthSearch"/>), and the result never
/// depends on the thread count.
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

        var requested = settings;
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
        if (settings.ReducedIsAutomatic)
        {
            if (ChooseReduced(target, settings, cancellationToken) is not { } chosen)
            {
                string message = $"No δ from 2^-{MinimumReducedBits(target, settings)} to δin = {settings.Initial} gives a ticket within the width cap {settings.MaxWidth}. Raise the width cap (MaxWidth, SlthGen_MaxWidth) or the solver budget, or set TicketBits.";
                return new TicketBuildResult(null, new TicketFailure(TicketFailureKind.NoWidthFound, null, SubsetSumStatus.Solved, settings.MaxWidth, null, message));
            }

            settings = settings.WithReduced(chosen);
        }

        var construction = Construct(target, settings, int.MaxValue, cancellationToken);
        if (construction.Failure is not null)
        {
            return new TicketBuildResult(null, construction.Failure);
        }

        var layers = construction.Layers;
        var (hidden, copies, outputs, blockWidths, instances, augmented) = (construction.Hidden, construction.Copies, construction.Outputs, construction.BlockWidths, construction.Instances, construction.Augmented);
        int count = target.Layers.Count;
        int t = target.TargetPrecision.Bits;
        var delta = settings.Reduced;
        var shape = new int[count + 1];
        shape[0] = target.InputCount;
        for (int i = 0; i < count; i++)
        {
            shape[i + 1] = target.Layers[i].Outputs;
        }

        long dense = 0, kept = 0, support = 0;
        foreach (var layer in layers)
        {
            dense += layer.DenseCount;
            kept += layer.KeptCount;
        }

        for (int i = 0; i < layers.Count; i++)
        {
            // A block layer's support is block-diagonal (one weight per hidden neuron); every other layer can use any entry.
            bool blockLayer = settings.Construction == TicketConstruction.Depth2L ? i % 2 == 0 : i == 0;
            support += blockLayer ? layers[i].Rows : layers[i].DenseCount;
        }

        bool automaticPrecision = requested.ReducedIsAutomatic;
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
            clock.Elapsed,
            support,
            settings.HiddenPerInput > 0 ? BlockLayout.Fixed : settings.Blocks,
            automaticPrecision: automaticPrecision,
            hiddenWidths: construction.HiddenWidths,
            blockWidths: blockWidths,
            negativeBlockWidths: construction.NegativeWidths);
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
        if (settings.ReducedIsAutomatic)
        {
            int least = MinimumReducedBits(target, settings);
            if (least > settings.Initial.Bits)
            {
                string rule = settings.Construction == TicketConstruction.Depth2L ? "Theorem 1 needs δ² ≤ δt" : "Theorem 2 needs δ ≤ δt";
                throw new ArgumentException($"{rule} and δin ≤ δ: with δt = 2^-{t} and δin = {settings.Initial} no δ qualifies; draw g at δin = 2^-{least} or finer.", nameof(settings));
            }

            return;
        }

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

    /// <summary>
    /// The δ an automatic-precision build uses (<see cref="TicketSettings.ReducedIsAutomatic"/>):
    /// among δ = 2^-b for b from the coarsest the construction allows (δ² ≤ δt for Theorem 1,
    /// δ ≤ δt for Theorem 2) up to δin, the one whose g has the fewest parameters, coarser δ on
    /// ties. g's parameters are what Theorem 3 bounds; the kept count hardly depends on δ (one
    /// subset per target weight either way). With adaptive blocks and automatic widths each δ is
    /// judged on the first <see cref="ProbeBlocks"/> blocks of every block layer (their mean width,
    /// extrapolated to the layer; the copy layers of Theorem 2 are sized in full); otherwise each δ
    /// is built in full. The scan stops after two δ in a row that do no better than the best so
    /// far (the width grows like C·log2(1/δ) beyond the optimum). Null when no δ gives a ticket.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No δ satisfies the construction's rule with δin ≤ δ.</exception>
    public static Precision? ChooseReduced(TargetNetwork target, TicketSettings settings, CancellationToken cancellationToken = default)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        if (settings is null)
        {
            throw new ArgumentNullException(nameof(settings));
        }

        var automatic = settings.ReducedIsAutomatic ? settings : new TicketSettings(settings.Seed, settings.Construction, settings.Initial)
        {
            HiddenPerInput = settings.HiddenPerInput,
            Copies = settings.Copies,
            MaxWidth = settings.MaxWidth,
            MaxDegreeOfParallelism = settings.MaxDegreeOfParallelism,
            Solver = settings.Solver,
            Blocks = settings.Blocks,
        };
        CheckPrecisions(target, automatic);
        bool sample = automatic.HiddenPerInput == 0 && automatic.Blocks == BlockLayout.Adaptive;
        double best = double.PositiveInfinity;
        int bestBits = 0, worse = 0;
        for (int b = MinimumReducedBits(target, automatic); b <= automatic.Initial.Bits; b++)
        {
            var probe = Construct(target, automatic.WithReduced(new Precision(b)), sample ? ProbeBlocks : int.MaxValue, cancellationToken);
            if (probe.Failure is null && probe.EstimatedG < best)
            {
                best = probe.EstimatedG;
                bestBits = b;
                worse = 0;
            }
            else if (bestBits > 0 && ++worse >= 2)
            {
                break;
            }
        }

        return bestBits > 0 ? new Precision(bestBits) : null;
    }

    /// <summary>How many blocks per block layer <see cref="ChooseReduced"/> sizes to judge a δ.</summary>
    public const int ProbeBlocks = 32;

    /// <summary>The fewest fractional bits of δ the construction allows: ⌈t/2⌉ for Theorem 1 (δ² ≤ δt), t for Theorem 2.</summary>
    private static int MinimumReducedBits(TargetNetwork target, TicketSettings settings)
    {
        int t = target.TargetPrecision.Bits;
        return settings.Construction == TicketConstruction.Depth2L ? (t + 1) / 2 : t;
    }

    /// <summary>A constructed (or, when sampling, partly sized) ticket.</summary>
    private sealed record Constructed(List<TicketLayer> Layers, int[] Hidden, int[] Copies, int[] Outputs, int[][] BlockWidths, int[][] NegativeWidths, int[] HiddenWidths, long Instances, AugmentedLayer[] Augmented, double EstimatedG, TicketFailure? Failure);

    /// <summary>
    /// Runs the construction at the settings' δ. With <paramref name="sampleBlocks"/> below a layer's
    /// input count, adaptive block layers size only their first blocks, no layers are assembled
    /// and <see cref="Constructed.EstimatedG"/> extrapolates g's parameters from the mean block
    /// width; otherwise it is g's exact parameter count.
    /// </summary>
    private static Constructed Construct(TargetNetwork target, TicketSettings settings, int sampleBlocks, CancellationToken cancellationToken)
    {
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
        var blockWidths = new int[count][];
        var negativeWidths = new int[count][];
        var hiddenWidths = new int[count];
        for (int i = 0; i < count; i++)
        {
            copies[i] = 1;
            outputs[i] = augmented[i].Outputs;
            blockWidths[i] = Array.Empty<int>();
            negativeWidths[i] = Array.Empty<int>();
        }

        var layers = new List<TicketLayer>();
        long instances = 0;
        double estimate = 0;
        var delta = settings.Reduced;
        int t = target.TargetPrecision.Bits;
        Constructed Failed(TicketFailure failure) => new(layers, hidden, copies, outputs, blockWidths, negativeWidths, hiddenWidths, instances, augmented, double.PositiveInfinity, failure);
        if (settings.Construction == TicketConstruction.Depth2L)
        {
            for (int i = 0; i < count; i++)
            {
                var block = SolveBlocks(augmented[i], weights, delta, t, (2 * i) + 1, copies: 1, settings, sampleBlocks, layers, cancellationToken);
                instances += block.Solved;
                if (block.Failure is not null)
                {
                    return Failed(block.Failure);
                }

                hidden[i] = block.Reported;
                blockWidths[i] = block.Widths;
                negativeWidths[i] = block.Negatives;
                hiddenWidths[i] = (int)Math.Round(block.EstimatedHidden);
                estimate += block.EstimatedHidden * (augmented[i].Inputs + augmented[i].Outputs);
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
                    return Failed(solved.Failure);
                }

                copies[i - 1] = solved.Width;
                instances += solved.Outcome.Solved;
                estimate += (double)copies[i] * augmented[i].Outputs * solved.Width * augmented[i].Inputs;
                later[i] = CopyLayer(problem, augmented[i], copies[i], solved.Width, solved.Outcome.Solutions, weights, delta, gLayer: i + 2);
            }

            var first = SolveBlocks(augmented[0], weights, delta, t, aLayer: 1, copies[0], settings, sampleBlocks, layers, cancellationToken);
            instances += first.Solved;
            if (first.Failure is not null)
            {
                return Failed(first.Failure);
            }

            hidden[0] = first.Reported;
            blockWidths[0] = first.Widths;
            negativeWidths[0] = first.Negatives;
            hiddenWidths[0] = (int)Math.Round(first.EstimatedHidden);
            estimate += first.EstimatedHidden * (augmented[0].Inputs + (copies[0] * augmented[0].Outputs));
            for (int i = 1; i < count; i++)
            {
                layers.Add(later[i]);
            }
        }

        return new Constructed(layers, hidden, copies, outputs, blockWidths, negativeWidths, hiddenWidths, instances, augmented, estimate, null);
    }

    /// <summary>A sized block layer: the reported n (the largest n_j), n_j per input, and g's (estimated) hidden width.</summary>
    private sealed record BlockSolved(int Reported, int[] Widths, int[] Negatives, double EstimatedHidden, long Solved, TicketFailure? Failure);

    /// <summary>
    /// Sizes one block layer (A, then B) and, when every block was sized, adds both pruned layers.
    /// Adaptive blocks unless the layout is fixed or the user gave a width (a given width is the
    /// same for every block, so it uses the fixed layout).
    /// </summary>
    private static BlockSolved SolveBlocks(AugmentedLayer layer, RandomWeights weights, Precision delta, int t, int aLayer, int copies, TicketSettings settings, int sampleBlocks, List<TicketLayer> layers, CancellationToken cancellationToken)
    {
        int start = PredictBlockWidth(delta);
        if (settings.HiddenPerInput == 0 && settings.Blocks == BlockLayout.Adaptive)
        {
            var result = AdaptiveBlockLayer.Solve(layer, weights, delta, t, aLayer, copies, start, settings, cancellationToken, sampleBlocks);
            if (result.Failure is not null)
            {
                return new BlockSolved(0, result.Widths, result.Negatives, 0, result.Solved, result.Failure);
            }

            if (result.Widths.Length == layer.Inputs)
            {
                var (a, b) = AdaptiveBlockLayer.Assemble(layer, result, aLayer, copies, weights, delta);
                layers.Add(a);
                layers.Add(b);
            }

            int largest = 0;
            foreach (int w in result.Widths)
            {
                largest = Math.Max(largest, w);
            }

            double estimated = result.Widths.Length == layer.Inputs ? result.Hidden : result.Widths.Length == 0 ? 0 : (double)result.Hidden / result.Widths.Length * layer.Inputs;
            return new BlockSolved(largest, result.Widths, result.Negatives, estimated, result.Solved, null);
        }

        var problem = new BlockLayerProblem(layer, weights, delta, t, aLayer, copies);
        var solved = Solve(problem, settings.HiddenPerInput, start, settings, cancellationToken);
        if (solved.Failure is not null)
        {
            return new BlockSolved(0, Array.Empty<int>(), Array.Empty<int>(), 0, 0, solved.Failure);
        }

        AddBlockLayers(layers, problem, layer, solved.Width, solved.Outcome.Solutions, weights, delta, copies);
        var widths = new int[layer.Inputs];
        for (int j = 0; j < widths.Length; j++)
        {
            widths[j] = solved.Width;
        }

        return new BlockSolved(solved.Width, widths, Array.Empty<int>(), (double)solved.Width * layer.Inputs, solved.Outcome.Solved, null);
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
    internal static string FinerDeltaAdvice(TicketSettings settings)
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
        var bRows = new SparseRows(rows);
        var usedHidden = new bool[hiddenCount];
        for (int i = 0; i < solutions.Length; i++)
        {
            bRows.Add(problem.Row(i), solutions[i]);
            foreach (int h in solutions[i])
            {
                usedHidden[h] = true;
            }
        }

        var aEntries = new SparseRows(hiddenCount);
        for (int h = 0; h < hiddenCount; h++)
        {
            if (usedHidden[h])
            {
                aEntries.Add(h, h % d);
            }
        }

        layers.Add(Assemble(aLayer, hiddenCount, d, relu: true, shift: 0, aEntries, weights, delta));
        layers.Add(Assemble(aLayer + 1, rows, hiddenCount, relu: !layer.IsLast, shift: 2 * delta.Bits, bRows, weights, delta));
    }

    private static TicketLayer CopyLayer(CopyLayerProblem problem, AugmentedLayer layer, int outputCopies, int inputCopies, int[][] solutions, RandomWeights weights, Precision delta, int gLayer)
    {
        int rows = layer.Outputs * outputCopies;
        var entries = new SparseRows(rows);
        for (int i = 0; i < solutions.Length; i++)
        {
            entries.Add(problem.Row(i), solutions[i]);
        }

        return Assemble(gLayer, rows, inputCopies * layer.Inputs, relu: !layer.IsLast, shift: delta.Bits, entries, weights, delta);
    }

    internal static TicketLayer Assemble(int gLayer, int rows, int columns, bool relu, int shift, SparseRows entries, RandomWeights weights, Precision delta)
    {
        var (rowStart, columnIndices) = entries.ToCsr();
        var kept = new long[columnIndices.Length];
        int reduce = weights.Initial.Bits - delta.Bits;
        for (int r = 0; r < rows; r++)
        {
            ulong rowKey = weights.RowKey(gLayer, r);
            for (int at = rowStart[r]; at < rowStart[r + 1]; at++)
            {
                kept[at] = weights.ReducedWeight(rowKey, columnIndices[at], reduce);
            }
        }

        return new TicketLayer(gLayer, rows, columns, relu, shift, rowStart, columnIndices, kept);
    }
}
