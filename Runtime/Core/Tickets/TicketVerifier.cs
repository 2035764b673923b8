using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace SlthGen;

/// <summary>The outcome of a verification.</summary>
/// <param name="Passed">Whether every check held.</param>
/// <param name="InputsChecked">How many input vectors were compared.</param>
/// <param name="Exhaustive">Whether that was the whole declared input domain.</param>
/// <param name="Failure">What differed first, when something did.</param>
public sealed record VerificationResult(bool Passed, long InputsChecked, bool Exhaustive, string? Failure)
{
    /// <inheritdoc/>
    public override string ToString() => Passed
        ? string.Format(CultureInfo.InvariantCulture, "verified: ticket == target on {0:N0} inputs ({1})", InputsChecked, Exhaustive ? "the whole input domain" : "seeded sample with every corner")
        : "FAILED: " + Failure;
}

/// <summary>
/// Checks a ticket against its target bit for bit (SPEC "Exactness check"), and re-derives g from
/// the seed to check that every kept weight is its reduced random weight.
/// </summary>
public static class TicketVerifier
{
    /// <summary>Domains up to this many points are checked exhaustively (when <see cref="WorkBudget"/> allows).</summary>
    public const long ExhaustiveLimit = 1L << 20;

    /// <summary>
    /// The work one check may spend, in multiply-adds: inputs × (the target's weights + the
    /// ticket's kept weights + the input count). Above it a check samples fewer inputs (the full
    /// corners first), so its time and memory scale with this budget, never with the domain.
    /// </summary>
    public const long WorkBudget = 1L << 32;

    /// <summary>The most input values a batch check holds at once (inputs × input count), 64 MiB of int.</summary>
    public const long MaxHeldInputValues = 1L << 24;

    /// <summary>Whether a check of <paramref name="ticket"/> covers the whole domain: at most <see cref="ExhaustiveLimit"/> points and within <see cref="WorkBudget"/>.</summary>
    public static bool IsExhaustive(Ticket ticket) =>
        ticket.Target.InputDomainSize is { } size && size <= ExhaustiveLimit && size <= WorkBudget / CostPerInput(ticket) && size <= MaxHeldInputValues / ticket.Target.InputCount;

    /// <summary>
    /// How many inputs of <see cref="InputSpace.Sample"/> (three full corners, 2d one-hot
    /// corners, then <paramref name="samples"/> random inputs) a sampled check takes: all of them
    /// when the budget allows, else as many as <see cref="WorkBudget"/> and
    /// <see cref="MaxHeldInputValues"/> allow (at least the three full corners).
    /// </summary>
    public static int SampleCount(Ticket ticket, int samples)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        long d = ticket.Target.InputCount;
        long all = 3 + (2 * d) + Math.Max(0, samples);
        long affordable = Math.Min(WorkBudget / CostPerInput(ticket), MaxHeldInputValues / d);
        return (int)Math.Min(int.MaxValue, Math.Max(3, Math.Min(all, affordable)));
    }

    private static long CostPerInput(Ticket ticket) => Math.Max(1, ticket.Target.WeightCount + ticket.Info.KeptParameters + ticket.Target.InputCount);

    /// <summary>
    /// ticket(x) == target(x) for every x in the declared range when it has at most 2^20 points,
    /// otherwise on every corner (all-min, all-max, zeros, one-hot extremes) plus
    /// <paramref name="samples"/> seeded random inputs — as many of those as
    /// <see cref="WorkBudget"/> allows (<see cref="SampleCount"/>). Compares every layer's output (and every
    /// copy), so a failure names the first differing layer and neuron.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is negative.</exception>
    public static VerificationResult VerifyFunction(Ticket ticket, int samples = 4096, long seed = 0, CancellationToken cancellationToken = default)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        if (samples < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "The sample count cannot be negative.");
        }

        var checker = new Checker(ticket);
        long checkedCount = 0;
        if (IsExhaustive(ticket))
        {
            foreach (var input in InputSpace.All(ticket.Target))
            {
                if ((checkedCount & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                checkedCount++;
                if (checker.Compare(input) is { } failure)
                {
                    return new VerificationResult(false, checkedCount, true, failure);
                }
            }

            return new VerificationResult(true, checkedCount, true, null);
        }

        foreach (var input in InputSpace.Sample(ticket.Target, samples, seed).Take(SampleCount(ticket, samples)))
        {
            if ((checkedCount & 0xFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            checkedCount++;
            if (checker.Compare(input) is { } failure)
            {
                return new VerificationResult(false, checkedCount, false, failure);
            }
        }

        return new VerificationResult(true, checkedCount, false, null);
    }

    /// <summary>
    /// Re-derives g from the seed and checks that every kept weight equals [g]_δ at its coordinates:
    /// a ticket whose kept weights differ from the reduced random weights is not a ticket.
    /// </summary>
    /// <returns>null when every weight matches, else the first mismatch.</returns>
    public static string? VerifyWeights(Ticket ticket)
    {
        if (ticket is null)
        {
            throw new ArgumentNullException(nameof(ticket));
        }

        var s = ticket.Settings;
        var g = new RandomWeights(s.Seed, s.Initial, s.Construction == TicketConstruction.DepthLPlus1);
        foreach (var layer in ticket.Layers)
        {
            for (int r = 0; r < layer.Rows; r++)
            {
                for (int e = layer.RowStart[r]; e < layer.RowStart[r + 1]; e++)
                {
                    long expected = g.ReducedWeight(layer.GLayer, r, layer.ColumnIndices[e], s.Reduced);
                    if (expected != layer.Weights[e])
                    {
                        return string.Format(CultureInfo.InvariantCulture, "M_{0}[{1},{2}] is {3} but the seeded random weight reduced to δ is {4}.", layer.GLayer, r, layer.ColumnIndices[e], layer.Weights[e], expected);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Both checks; throws <see cref="InvalidOperationException"/> on failure.</summary>
    public static VerificationResult VerifyOrThrow(Ticket ticket, int samples = 4096, long seed = 0)
    {
        if (VerifyWeights(ticket) is { } weights)
        {
            throw new InvalidOperationException(weights);
        }

        var result = VerifyFunction(ticket, samples, seed);
        return result.Passed ? result : throw new InvalidOperationException(result.Failure);
    }

    private sealed class Checker
    {
        private readonly Ticket _ticket;
        private readonly long[] _gInput;
        private readonly long[][] _buffers;

        public Checker(Ticket ticket)
        {
            _ticket = ticket;
            _gInput = new long[ticket.GInputCount];
            _buffers = new long[ticket.Layers.Count][];
            for (int i = 0; i < _buffers.Length; i++)
            {
                _buffers[i] = new long[ticket.Layers[i].Rows];
            }
        }

        public string? Compare(long[] input)
        {
            var expected = _ticket.Target.Trace(input);
            _ticket.Trace(input, _gInput, _buffers);
            long one = _ticket.Target.Activation.One;
            for (int i = 0; i < expected.Length; i++)
            {
                var actual = _buffers[_ticket.LayerFor(i)];
                int outputs = _ticket.AugmentedOutputs(i);
                for (int copy = 0; copy < _ticket.CopiesOf(i); copy++)
                {
                    for (int k = 0; k < outputs; k++)
                    {
                        long want = k < expected[i].Length ? expected[i][k] : one;
                        long got = actual[(copy * outputs) + k];
                        if (got != want)
                        {
                            return string.Format(
                                CultureInfo.InvariantCulture,
                                "input ({0}): target layer {1}, neuron {2}{3}: ticket {4}, target {5}.",
                                string.Join(", ", input),
                                i + 1,
                                k < expected[i].Length ? k.ToString(CultureInfo.InvariantCulture) : "constant channel",
                                copy > 0 ? $" (copy {copy})" : string.Empty,
                                got,
                                want);
                        }
                    }
                }
            }

            return null;
        }
    }
}

/// <summary>The declared input domain: every point, or a seeded sample with every corner.</summary>
public static class InputSpace
{
    /// <summary>Every input vector in [InputMin, InputMax]^d_0, in odometer order (last input fastest).</summary>
    public static IEnumerable<long[]> All(TargetNetwork network)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        int d = network.InputCount;
        var x = new long[d];
        for (int j = 0; j < d; j++)
        {
            x[j] = network.InputMin;
        }

        while (true)
        {
            yield return (long[])x.Clone();
            int at = d - 1;
            while (at >= 0 && x[at] == network.InputMax)
            {
                x[at] = network.InputMin;
                at--;
            }

            if (at < 0)
            {
                yield break;
            }

            x[at]++;
        }
    }

    /// <summary>
    /// The corners (all-min, all-max, all-zero when 0 is in range, and each input alone at its
    /// min and max with the others at the in-range value nearest 0), then <paramref name="samples"/>
    /// uniform inputs from a <see cref="SeededRandom"/> with <paramref name="seed"/>.
    /// </summary>
    public static IEnumerable<long[]> Sample(TargetNetwork network, int samples, long seed)
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        int d = network.InputCount;
        long min = network.InputMin, max = network.InputMax;
        long rest = Math.Min(Math.Max(0, min), max);
        yield return Filled(d, min);
        yield return Filled(d, max);
        yield return Filled(d, rest);
        for (int j = 0; j < d; j++)
        {
            var low = Filled(d, rest);
            low[j] = min;
            yield return low;
            var high = Filled(d, rest);
            high[j] = max;
            yield return high;
        }

        var random = new SeededRandom(seed);
        for (int s = 0; s < samples; s++)
        {
            var x = new long[d];
            for (int j = 0; j < d; j++)
            {
                x[j] = random.NextInclusive(min, max);
            }

            yield return x;
        }
    }

    private static long[] Filled(int d, long value)
    {
        var x = new long[d];
        for (int j = 0; j < d; j++)
        {
            x[j] = value;
        }

        return x;
    }
}
