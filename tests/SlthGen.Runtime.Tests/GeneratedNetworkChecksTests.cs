using System;
using System.Linq;

namespace SlthGen.Tests;

public class GeneratedNetworkChecksTests
{
    private static readonly Ticket XorTicket = TicketBuilder.BuildOrThrow(
        TicketBuilderTests.Xor(),
        new TicketSettings(42, TicketConstruction.Depth2L, new Precision(8), new Precision(2)));

    [Fact]
    public void Correct_entry_points_pass_every_check()
    {
        var result = GeneratedNetworkChecks.VerifyAll(XorTicket, Target, Target, Batch(Target), Batch(Target));
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.Exhaustive);
    }

    [Fact]
    public void A_wrong_reference_batch_is_caught_and_named()
    {
        // Off by one on the last sample of every call: only the batch entry point is wrong.
        NetworkEvaluator wrong = (inputs, outputs) =>
        {
            Batch(Target)(inputs, outputs);
            outputs[outputs.Length - 1]++;
        };

        var batches = GeneratedNetworkChecks.VerifyBatches(XorTicket, Target, Batch(Target), Target, wrong);
        Assert.False(batches.Passed);
        Assert.StartsWith("EvaluateReferenceBatch vs EvaluateReference: ", batches.Failure, StringComparison.Ordinal);

        var all = GeneratedNetworkChecks.VerifyAll(XorTicket, Target, Target, Batch(Target), wrong);
        Assert.False(all.Passed);
        Assert.Equal(batches.Failure, all.Failure);
    }

    [Fact]
    public void A_wrong_ticket_batch_is_named_first()
    {
        NetworkEvaluator wrong = (inputs, outputs) => outputs.Clear();
        var batches = GeneratedNetworkChecks.VerifyBatches(XorTicket, Target, wrong, Target, wrong);
        Assert.False(batches.Passed);
        Assert.StartsWith("EvaluateBatch vs Evaluate: ", batches.Failure, StringComparison.Ordinal);
    }

    /// <summary>The interpreted target as a generated entry point would expose it.</summary>
    private static void Target(ReadOnlySpan<int> input, Span<int> output)
    {
        long[] result = XorTicket.Target.Evaluate(input.ToArray().Select(v => (long)v).ToArray());
        for (int k = 0; k < output.Length; k++)
        {
            output[k] = checked((int)result[k]);
        }
    }

    private static NetworkEvaluator Batch(NetworkEvaluator one) => (inputs, outputs) =>
    {
        int d = XorTicket.Target.InputCount, o = XorTicket.Target.OutputCount;
        for (int s = 0; s < inputs.Length / d; s++)
        {
            one(inputs.Slice(s * d, d), outputs.Slice(s * o, o));
        }
    };
}
