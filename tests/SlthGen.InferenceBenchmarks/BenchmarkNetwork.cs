using System;
using SlthGen.CompileTargets;
using SlthGen.Samples.DigitsTicket;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// A generated network under benchmark: its entry points as delegates (so one benchmark class
/// serves every network; a delegate call costs about a nanosecond, the same for every method),
/// its interpreted target and report, and the inputs it runs on.
/// </summary>
/// <param name="Name">For the log.</param>
/// <param name="Target">The interpreted target network (the ONNX model is built from it).</param>
/// <param name="Ticket">The ticket's report (weights per method).</param>
/// <param name="Evaluate">The ticket, checked.</param>
/// <param name="EvaluateUnchecked">The ticket without argument checks.</param>
/// <param name="EvaluateReference">The generated reference, one sample.</param>
/// <param name="EvaluateBatch">The ticket's SIMD batch kernel.</param>
/// <param name="EvaluateReferenceBatch">The reference over many samples.</param>
/// <param name="Inputs">count samples, sample-major, in units of γ.</param>
public sealed record BenchmarkNetwork(
    string Name,
    TargetNetwork Target,
    TicketInfo Ticket,
    NetworkEvaluator Evaluate,
    NetworkEvaluator EvaluateUnchecked,
    NetworkEvaluator EvaluateReference,
    NetworkEvaluator EvaluateBatch,
    NetworkEvaluator EvaluateReferenceBatch,
    Func<int, int[]> Inputs)
{
    /// <summary>The 64-32-10 digits classifier on its 450 test images, cycled.</summary>
    public static BenchmarkNetwork Digits { get; } = new(
        "DigitsTicket (64-32-10)",
        DigitsTicket.TargetNetwork,
        DigitsTicket.Ticket,
        DigitsTicket.Evaluate,
        DigitsTicket.EvaluateUnchecked,
        DigitsTicket.EvaluateReference,
        DigitsTicket.EvaluateBatch,
        DigitsTicket.EvaluateReferenceBatch,
        count => DigitsTestSet.Load().CycledPixels(count));

    /// <summary>
    /// The 784-500-10 network with random 4-bit weights (tests/SlthGen.LargeTicket), on seeded
    /// random inputs in its declared range.
    /// </summary>
    public static BenchmarkNetwork Large { get; } = new(
        "LargeTicket (784-500-10)",
        LargeTicket.TargetNetwork,
        LargeTicket.Ticket,
        LargeTicket.Evaluate,
        LargeTicket.EvaluateUnchecked,
        LargeTicket.EvaluateReference,
        LargeTicket.EvaluateBatch,
        LargeTicket.EvaluateReferenceBatch,
        count => SeededInputs(count, LargeTicket.TargetNetwork));

    /// <summary>Every network the benchmarks run on.</summary>
    public static BenchmarkNetwork[] All { get; } = { Digits, Large };

    /// <summary>d_0.</summary>
    public int InputCount => Target.InputCount;

    /// <summary>d_ℓ.</summary>
    public int OutputCount => Target.OutputCount;

    /// <summary>Uniform integer inputs in [InputMin, InputMax], from a fixed seed.</summary>
    /// <param name="count">Samples.</param>
    /// <param name="target">The network whose range is used.</param>
    public static int[] SeededInputs(int count, TargetNetwork target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var random = new SeededRandom(20261126);
        var result = new int[count * target.InputCount];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (int)random.NextInclusive(target.InputMin, target.InputMax);
        }

        return result;
    }
}
