using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Solving;

/// <summary>
/// The expensive step: builds the ticket for a spec with the shared math core. A pure function
/// of the spec and the options, so the incremental pipeline runs it only when they change.
/// </summary>
internal static class TicketSolver
{
    public static SolveResult Solve(NetworkSpec spec, GeneratorOptions options, CancellationToken cancellationToken)
    {
        try
        {
            if (CheckSizes(spec, options.Limits, options.MaxWidth) is { } limit)
            {
                return new SolveResult(spec, null, new SolveFailure(SolveProblem.Limit, default, limit.What, limit));
            }

            var target = ToTarget(spec);
            var targetBounds = OverflowAnalysis.Target(target);
            var last = targetBounds[targetBounds.Length - 1];
            if (last.FitsInt64 && (last.OutputMin < int.MinValue || last.OutputMax > int.MaxValue))
            {
                return new SolveResult(spec, null, new SolveFailure(SolveProblem.OutputRange, default, $"The network's outputs reach [{last.OutputMin}, {last.OutputMax}] (units of γ), beyond the 32-bit integers of the generated API: narrow InputMin/InputMax or use fewer ActivationBits."));
            }

            // The whole solve runs under one work budget (a command-line build never cancels).
            using var meter = new WorkMeter(options.Limits.SolveWorkBudget);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, meter.Token);
            var settings = ToSettings(spec, options, meter);
            TicketBuildResult result;
            try
            {
                result = TicketBuilder.Build(target, settings, linked.Token);
            }
            catch (Exception e) when (meter.Exceeded && !cancellationToken.IsCancellationRequested && (e is OperationCanceledException or AggregateException))
            {
                return WorkBudgetFailure(spec, meter);
            }

            if (meter.Exceeded)
            {
                return WorkBudgetFailure(spec, meter);
            }

            if (result.Ticket is not { } ticket)
            {
                var failure = result.Failure!;
                return new SolveResult(spec, null, new SolveFailure(SolveProblem.Ticket, failure.Kind, failure.Message));
            }

            if (ticket.Info.KeptParameters > options.Limits.MaxKeptWeights)
            {
                var problem = new LimitProblem("The ticket's number of kept weights", ticket.Info.KeptParameters, options.Limits.MaxKeptWeights, Limits.MaxKeptWeightsProperty, "each kept weight becomes generated code; a smaller target or a finer δ (TicketBits) keeps fewer");
                return new SolveResult(spec, null, new SolveFailure(SolveProblem.Limit, default, problem.What, problem));
            }

            var bounds = OverflowAnalysis.Ticket(ticket);
            var layers = new PlanLayer[ticket.Layers.Count];
            for (int i = 0; i < layers.Length; i++)
            {
                var layer = ticket.Layers[i];
                var weights = new int[layer.KeptCount];
                for (int e = 0; e < weights.Length; e++)
                {
                    weights[e] = checked((int)layer.Weights[e]);
                }

                bool longOutput = bounds[i].OutputMin < int.MinValue || bounds[i].OutputMax > int.MaxValue;
                bool int16Sums = bounds[i].MaxAbsAccumulator <= short.MaxValue
                    && Array.TrueForAll(weights, w => w >= short.MinValue && w <= short.MaxValue)
                    && (i > 0 || (spec.InputMin >= short.MinValue && spec.InputMax <= short.MaxValue));
                layers[i] = new PlanLayer(
                    layer.GLayer,
                    layer.Rows,
                    layer.Columns,
                    layer.Relu,
                    layer.Shift,
                    new EquatableArray<int>(layer.RowStart.ToArray()),
                    new EquatableArray<int>(layer.ColumnIndices.ToArray()),
                    new EquatableArray<int>(weights),
                    !bounds[i].FitsInt32,
                    longOutput,
                    int16Sums,
                    int16Sums ? (int)Math.Max(Math.Abs(bounds[i].OutputMin), Math.Abs(bounds[i].OutputMax)) : 0);
            }

            bool referenceLong = false;
            foreach (var bound in targetBounds)
            {
                referenceLong |= !bound.FitsInt32;
            }

            var info = ticket.Info;
            var plan = new TicketPlan(
                new EquatableArray<PlanLayer>(layers),
                ticket.ConstantChannel,
                new EquatableArray<int>(info.HiddenPerInput.ToArray()),
                new EquatableArray<int>(info.Copies.ToArray()),
                info.GParameters,
                info.KeptParameters,
                info.InstancesSolved,
                referenceLong,
                OverflowAnalysis.Int16Obstacle(target) is null)
            {
                GSupportParameters = info.GSupportParameters,
                Blocks = (int)(info.Blocks ?? BlockLayout.Fixed),
                AutomaticPrecision = info.AutomaticPrecision,
                HiddenWidths = PerLayer(info, i => checked((int)info.HiddenWidth(i))),
                BlockWidths = PerLayer(info, i => new EquatableArray<int>(info.BlockWidths(i).ToArray())),
                NegativeBlockWidths = PerLayer(info, i => new EquatableArray<int>(info.NegativeBlockWidths(i).ToArray())),
            };
            // TicketBits = 0: the emitted code names the δ the builder chose.
            return new SolveResult(spec with { TicketBits = info.TicketBits }, plan, null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return new SolveResult(spec, null, new SolveFailure(SolveProblem.Internal, default, e.GetType().Name + ": " + e.Message));
        }
    }

    public static TargetNetwork ToTarget(NetworkSpec spec)
    {
        var layers = new List<TargetLayer>();
        foreach (var layer in spec.Layers)
        {
            var weights = Longs(layer.Weights);
            layers.Add(new TargetLayer(layer.Inputs, layer.Outputs, weights, layer.HasBiases ? Longs(layer.Biases) : null));
        }

        return new TargetNetwork(layers, new Precision(spec.TargetBits), new Precision(spec.ActivationBits), spec.InputMin, spec.InputMax);
    }

    public static TicketSettings ToSettings(NetworkSpec spec, GeneratorOptions options, WorkMeter? meter = null)
    {
        var automatic = new TicketSettings(spec.Seed, spec.Construction, new Precision(spec.InitBits))
        {
            HiddenPerInput = spec.HiddenPerInput,
            Copies = spec.Copies,
            MaxWidth = options.MaxWidth,
            Solver = new SubsetSumOptions { WorkBudget = options.SolverBudget, Meter = meter },
            Blocks = (BlockLayout)spec.Blocks,
        };
        return spec.TicketBits == PrecisionRules.AutomaticTicketBits ? automatic : automatic.WithReduced(new Precision(spec.TicketBits));
    }

    /// <summary>
    /// The size limits checked before the solve: the target's parameters, a lower bound on the
    /// kept weights (every non-zero target weight keeps at least one weight of g) and a lower
    /// bound on g's parameters (the first layer's block alone has n·d0 hidden neurons, each
    /// connected to the d0 inputs). Returns the first limit exceeded, or null.
    /// </summary>
    public static LimitProblem? CheckSizes(NetworkSpec spec, Limits limits, int maxWidth)
    {
        long parameters = 0, nonZero = 0;
        foreach (var layer in spec.Layers)
        {
            parameters += layer.Weights.Count + layer.Biases.Count;
            foreach (int w in layer.Weights)
            {
                nonZero += w != 0 ? 1 : 0;
            }
        }

        if (parameters > limits.MaxTargetParameters)
        {
            return new LimitProblem("The target's number of weights and biases", parameters, limits.MaxTargetParameters, Limits.MaxTargetParametersProperty, "declare a smaller network");
        }

        if (nonZero > limits.MaxKeptWeights)
        {
            return new LimitProblem("A lower bound on the ticket's kept weights (one per non-zero target weight)", nonZero, limits.MaxKeptWeights, Limits.MaxKeptWeightsProperty, "each kept weight becomes generated code");
        }

        double g = 0;
        // A given width above the cap is SLTH024's to report (the build stops before solving).
        int width = spec.HiddenPerInput is > 0 and var given && given <= maxWidth ? given : 1;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            double inputs = spec.Layers[i].Inputs, outputs = spec.Layers[i].Outputs;
            bool block = spec.Construction == TicketConstruction.Depth2L || i == 0;
            g += block ? width * inputs * (inputs + outputs) : outputs * inputs;
        }

        if (g > limits.MaxGParameters)
        {
            return new LimitProblem("A lower bound on g's parameters (n·d·(d + outputs) per block layer, at n = " + width.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")", g >= long.MaxValue ? long.MaxValue : (long)g, limits.MaxGParameters, Limits.MaxGParametersProperty, "g grows with the square of a layer's inputs; a layer with fewer inputs, or fewer layers, keeps it small");
        }

        return null;
    }

    private static SolveResult WorkBudgetFailure(NetworkSpec spec, WorkMeter meter) =>
        new(spec, null, new SolveFailure(SolveProblem.WorkBudget, default, LimitProblem.N(meter.Budget)));

    private static long[] Longs(EquatableArray<int> values)
    {
        var result = new long[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    /// <summary>One value per target layer of the report, as plan data.</summary>
    private static EquatableArray<T> PerLayer<T>(TicketInfo info, Func<int, T> select)
        where T : IEquatable<T>
    {
        var result = new T[info.HiddenPerInput.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = select(i);
        }

        return new EquatableArray<T>(result);
    }
}
