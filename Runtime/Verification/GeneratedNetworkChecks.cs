using System;
using System.Globalization;
using System.Linq;

namespace SlthGen;

/// <summary>A network entry point as generated code exposes it: integers in units of γ.</summary>
public delegate void NetworkEvaluator(ReadOnlySpan<int> input, Span<int> output);

/// <summary>
/// The checks behind every generated network's <c>Verify</c> members and generated tests, written
/// once here rather than emitted per network. They compare the generated code against
/// interpretations rebuilt from the network's declaration and its kept weights, and re-derive g
/// from the seed.
/// </summary>
public static class GeneratedNetworkChecks
{
    /// <summary>
    /// On every input of the declared domain (≤ 2^20 points, else a seeded sample with every
    /// corner; for large networks as many of those as <see cref="TicketVerifier.WorkBudget"/>
    /// allows, corners first): the generated ticket, the generated reference, the interpreted target and the
    /// interpreted ticket (rebuilt from the kept weights) all give the same output, bit for bit.
    /// </summary>
    public static VerificationResult VerifyTicket(Ticket ticket, NetworkEvaluator evaluate, NetworkEvaluator evaluateReference, int samples = 4096, long seed = 0)
    {
        Check(ticket, evaluate, evaluateReference);
        var target = ticket.Target;
        var input = new int[target.InputCount];
        var ticketOut = new int[target.OutputCount];
        var referenceOut = new int[target.OutputCount];
        long count = 0;
        bool exhaustive = TicketVerifier.IsExhaustive(ticket);
        foreach (var x in exhaustive ? InputSpace.All(target) : InputSpace.Sample(target, samples, seed).Take(TicketVerifier.SampleCount(ticket, samples)))
        {
            count++;
            for (int j = 0; j < x.Length; j++)
            {
                input[j] = checked((int)x[j]);
            }

            evaluate(input, ticketOut);
            evaluateReference(input, referenceOut);
            var interpretedTarget = target.Evaluate(x);
            var interpretedTicket = ticket.Evaluate(x);
            for (int k = 0; k < ticketOut.Length; k++)
            {
                if (ticketOut[k] != referenceOut[k] || referenceOut[k] != interpretedTarget[k] || interpretedTicket[k] != interpretedTarget[k])
                {
                    return new VerificationResult(false, count, exhaustive, string.Format(
                        CultureInfo.InvariantCulture,
                        "input ({0}), output {1}: generated ticket {2}, generated reference {3}, interpreted target {4}, interpreted ticket {5}.",
                        string.Join(", ", x),
                        k,
                        ticketOut[k],
                        referenceOut[k],
                        interpretedTarget[k],
                        interpretedTicket[k]));
                }
            }
        }

        return new VerificationResult(true, count, exhaustive, null);
    }

    /// <summary>The batch entry point equals the scalar one on the same inputs, in batches of every size from 1 to 67 and then all at once.</summary>
    public static VerificationResult VerifyBatch(Ticket ticket, NetworkEvaluator evaluate, NetworkEvaluator evaluateBatch, int samples = 4096, long seed = 0)
    {
        Check(ticket, evaluate, evaluateBatch);
        var target = ticket.Target;
        int d = target.InputCount, o = target.OutputCount;
        bool exhaustive = TicketVerifier.IsExhaustive(ticket);
        var all = new System.Collections.Generic.List<long[]>(exhaustive ? InputSpace.All(target) : InputSpace.Sample(target, samples, seed).Take(TicketVerifier.SampleCount(ticket, samples)));
        var inputs = new int[all.Count * d];
        for (int s = 0; s < all.Count; s++)
        {
            for (int j = 0; j < d; j++)
            {
                inputs[(s * d) + j] = checked((int)all[s][j]);
            }
        }

        var expected = new int[all.Count * o];
        for (int s = 0; s < all.Count; s++)
        {
            evaluate(inputs.AsSpan(s * d, d), expected.AsSpan(s * o, o));
        }

        var actual = new int[all.Count * o];
        int at = 0;
        for (int size2 = 1; at < all.Count; size2 = size2 >= 67 ? all.Count : size2 + 1)
        {
            int take = Math.Min(size2, all.Count - at);
            evaluateBatch(inputs.AsSpan(at * d, take * d), actual.AsSpan(at * o, take * o));
            at += take;
        }

        var whole = new int[all.Count * o];
        evaluateBatch(inputs, whole);
        for (int i = 0; i < expected.Length; i++)
        {
            if (actual[i] != expected[i] || whole[i] != expected[i])
            {
                return new VerificationResult(false, all.Count, exhaustive, string.Format(
                    CultureInfo.InvariantCulture,
                    "sample {0} ({1}), output {2}: scalar {3}, batch {4} (whole batch {5}).",
                    i / o,
                    string.Join(", ", all[i / o]),
                    i % o,
                    expected[i],
                    actual[i],
                    whole[i]));
            }
        }

        return new VerificationResult(true, all.Count, exhaustive, null);
    }

    /// <summary>
    /// <see cref="VerifyBatch(Ticket, NetworkEvaluator, NetworkEvaluator, int, long)"/> for the ticket's and
    /// then the reference's batch entry points; a failure says which pair differed.
    /// </summary>
    public static VerificationResult VerifyBatches(Ticket ticket, NetworkEvaluator evaluate, NetworkEvaluator evaluateBatch, NetworkEvaluator evaluateReference, NetworkEvaluator evaluateReferenceBatch)
    {
        var ticketBatch = VerifyBatch(ticket, evaluate, evaluateBatch);
        if (!ticketBatch.Passed)
        {
            return ticketBatch with { Failure = "EvaluateBatch vs Evaluate: " + ticketBatch.Failure };
        }

        var referenceBatch = VerifyBatch(ticket, evaluateReference, evaluateReferenceBatch);
        return referenceBatch.Passed ? ticketBatch : referenceBatch with { Failure = "EvaluateReferenceBatch vs EvaluateReference: " + referenceBatch.Failure };
    }

    /// <summary>Every kept weight is g's seeded random weight reduced to δ (re-derived here, not copied from the generator).</summary>
    public static VerificationResult VerifyKeptWeights(Ticket ticket)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        string? failure = TicketVerifier.VerifyWeights(ticket);
        return new VerificationResult(failure is null, ticket.Info.KeptParameters, true, failure);
    }

    /// <summary>All three checks; the first failure, or a pass that counts the inputs compared.</summary>
    public static VerificationResult VerifyAll(Ticket ticket, NetworkEvaluator evaluate, NetworkEvaluator evaluateReference, NetworkEvaluator evaluateBatch)
    {
        var weights = VerifyKeptWeights(ticket);
        if (!weights.Passed)
        {
            return weights;
        }

        var function = VerifyTicket(ticket, evaluate, evaluateReference);
        if (!function.Passed)
        {
            return function;
        }

        var batch = VerifyBatch(ticket, evaluate, evaluateBatch);
        return batch.Passed ? function : batch;
    }

    /// <summary>All checks, with both batch entry points (see <see cref="VerifyBatches"/>); the first failure, or a pass that counts the inputs compared.</summary>
    public static VerificationResult VerifyAll(Ticket ticket, NetworkEvaluator evaluate, NetworkEvaluator evaluateReference, NetworkEvaluator evaluateBatch, NetworkEvaluator evaluateReferenceBatch)
    {
        var weights = VerifyKeptWeights(ticket);
        if (!weights.Passed)
        {
            return weights;
        }

        var function = VerifyTicket(ticket, evaluate, evaluateReference);
        if (!function.Passed)
        {
            return function;
        }

        var batches = VerifyBatches(ticket, evaluate, evaluateBatch, evaluateReference, evaluateReferenceBatch);
        return batches.Passed ? function : batches;
    }

    private static void Check(Ticket ticket, NetworkEvaluator first, NetworkEvaluator second)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        if (first is null)
        {
            throw new ArgumentNullException(nameof(first));
        }

        if (second is null)
        {
            throw new ArgumentNullException(nameof(second));
        }
    }
}
