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
            var target = ToTarget(spec);
            var settings = ToSettings(spec, options);
            var targetBounds = OverflowAnalysis.Target(target);
            foreach (var bound in targetBounds)
            {
                if (!bound.FitsInt64)
                {
                    return Failed(spec, 2, $"The target's sums reach {bound.MaxAbsAccumulator} for inputs in the declared range, beyond 64-bit integers: narrow InputMin/InputMax.");
                }
            }

            var last = targetBounds[targetBounds.Length - 1];
            if (last.OutputMin < int.MinValue || last.OutputMax > int.MaxValue)
            {
                return Failed(spec, 2, $"The network's outputs reach [{last.OutputMin}, {last.OutputMax}] (units of γ), beyond the 32-bit integers of the generated API: narrow InputMin/InputMax or use fewer ActivationBits.");
            }

            var result = TicketBuilder.Build(target, settings, cancellationToken);
            if (result.Ticket is not { } ticket)
            {
                var failure = result.Failure!;
                int kind = failure.Kind switch
                {
                    TicketFailureKind.GivenWidthTooSmall => 0,
                    TicketFailureKind.NoWidthFound => 1,
                    TicketFailureKind.GivenWidthAboveCap => 4,
                    _ => 2,
                };
                return Failed(spec, kind, failure.Message);
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
                    longOutput);
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
                HiddenWidths = new EquatableArray<int>(PerLayer(info, i => new[] { (int)info.HiddenWidth(i) }).Select(a => a[0]).ToArray()),
                BlockWidths = new EquatableArray<EquatableArray<int>>(PerLayer(info, i => info.BlockWidths(i).ToArray()).Select(a => new EquatableArray<int>(a)).ToArray()),
                NegativeBlockWidths = new EquatableArray<EquatableArray<int>>(PerLayer(info, i => info.NegativeBlockWidths(i).ToArray()).Select(a => new EquatableArray<int>(a)).ToArray()),
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
            return Failed(spec, 3, e.GetType().Name + ": " + e.Message);
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

    public static TicketSettings ToSettings(NetworkSpec spec, GeneratorOptions options)
    {
        var construction = (TicketConstruction)spec.Construction;
        var initial = new Precision(spec.InitBits);
        var solver = new SubsetSumOptions { WorkBudget = options.SolverBudget };
        return spec.TicketBits == 0
            ? new TicketSettings(spec.Seed, construction, initial) { HiddenPerInput = spec.HiddenPerInput, Copies = spec.Copies, MaxWidth = options.MaxWidth, Solver = solver, Blocks = (BlockLayout)spec.Blocks }
            : new TicketSettings(spec.Seed, construction, initial, new Precision(spec.TicketBits)) { HiddenPerInput = spec.HiddenPerInput, Copies = spec.Copies, MaxWidth = options.MaxWidth, Solver = solver, Blocks = (BlockLayout)spec.Blocks };
    }

    private static long[] Longs(EquatableArray<int> values)
    {
        var result = new long[values.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    private static int[][] PerLayer(TicketInfo info, Func<int, int[]> select)
    {
        var result = new int[info.HiddenPerInput.Length][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = select(i);
        }

        return result;
    }

    private static SolveResult Failed(NetworkSpec spec, int kind, string message) => new(spec, null, new SolveFailure(kind, message));
}
