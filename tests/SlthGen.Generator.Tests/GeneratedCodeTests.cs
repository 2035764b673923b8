using System;
using System.Linq;
using System.Reflection;
using SlthGen.Generator.Tests.Infrastructure;

namespace SlthGen.Generator.Tests;

/// <summary>
/// The generated code, compiled in memory and loaded: its own checks pass, and the ticket
/// computes the target as an independent evaluation written here computes it.
/// </summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public void Xor_ticket_is_exact_on_every_input()
    {
        using var assembly = SharedRuns.Xor.Load();
        var xor = assembly.Network("SlthGen.Samples.Xor.Xor");
        AssertVerified(xor);
        Assert.Equal((2, 1, -16, 16), (xor.InputCount, xor.OutputCount, xor.InputMin, xor.InputMax));

        // |x0 − x1| in units of 1/16, on the whole grid [-16, 16]².
        AssertEqualsEverywhere(xor, x => new[] { Math.Abs(x[0] - x[1]) });
    }

    [Fact]
    public void Xor_theorem_2_ticket_is_exact_on_every_input()
    {
        using var assembly = SharedRuns.XorShallow.Load();
        var xor = assembly.Network("SlthGen.Samples.Xor.XorShallow");
        AssertVerified(xor);
        Assert.Equal(TicketConstruction.DepthLPlus1, xor.Ticket.Construction);
        AssertEqualsEverywhere(xor, x => new[] { Math.Abs(x[0] - x[1]) });
    }

    [Fact]
    public void Table_mode_ticket_is_exact_on_every_input()
    {
        using var assembly = SharedRuns.XorTable.Load();
        var xor = assembly.Network("SlthGen.Samples.Xor.Xor");
        AssertVerified(xor);
        AssertEqualsEverywhere(xor, x => new[] { Math.Abs(x[0] - x[1]) });
    }

    [Fact]
    public void Three_layer_ticket_matches_an_independent_evaluation()
    {
        using var assembly = SharedRuns.ThreeLayer.Load();
        var network = assembly.Network("Nets.ThreeLayer");
        AssertVerified(network);
        Assert.Equal((3, 1, -4, 4), (network.InputCount, network.OutputCount, network.InputMin, network.InputMax));

        // The declaration of NetworkSources.ThreeLayer, restated.
        var target = new NaiveNetwork(
            targetBits: 2,
            activationBits: 2,
            (3, 5, new[] { 4, 0, -4, 0, 4, 0, -4, -4, 0, 1, 0, 4, 0, -1, 0 }, new[] { 0, 1, 0, -1, 4 }),
            (5, 3, new[] { 4, -4, 0, 0, 1, 0, 0, 4, -1, 0, -4, 4, 4, 0, 0 }, new[] { -1, 0, 1 }),
            (3, 1, new[] { 4, -4, 1 }, null));
        AssertEqualsEverywhere(network, target.Evaluate);
    }

    [Fact]
    public void Nested_network_matches_an_independent_evaluation()
    {
        using var assembly = SharedRuns.Nested.Load();
        var network = assembly.Network("Outer.Space.Container+Middle+Doubler");
        AssertVerified(network);
        Assert.Equal((-8, 8), (network.InputMin, network.InputMax));

        // y = x + 1/4 with x and y in units of 1/4.
        AssertEqualsEverywhere(network, x => new[] { x[0] + 1 });
    }

    [Theory]
    [InlineData("WideInputs", "Nets.WideInputs", "ReferenceLayer(global::System.ReadOnlySpan<int> x")]
    [InlineData("WideSums", "Nets.WideSums", "ReferenceLayer(global::System.ReadOnlySpan<long> x")]
    [InlineData("WideSumsTable", "Nets.WideSums", "TicketProgram.Create(Ticket)")]
    public void Wide_arithmetic_falls_back_and_stays_exact_in_reference_and_ticket(string run, string type, string kernel)
    {
        var shared = run switch { "WideInputs" => SharedRuns.WideInputs, "WideSums" => SharedRuns.WideSums, _ => SharedRuns.WideSumsTable };
        Assert.Contains(kernel, shared.Run.Source(type + ".g.cs"), StringComparison.Ordinal);
        using var assembly = shared.Load();
        var network = assembly.Network(type);
        AssertVerified(network);

        // Corners and a seeded sample, against the declaration restated with 64-bit arithmetic.
        var random = new SeededRandom(7);
        var samples = new[] { network.InputMin, network.InputMax }
            .SelectMany(a => new[] { network.InputMin, network.InputMax }.Select(b => new[] { a, b }))
            .Concat(Enumerable.Range(0, 500).Select(_ => new[] { (int)random.NextInclusive(network.InputMin, network.InputMax), (int)random.NextInclusive(network.InputMin, network.InputMax) }))
            .ToList();
        var inputs = samples.SelectMany(x => x).ToArray();
        var expected = samples.Select(x => run == "WideInputs" ? (int)Math.Floor(((4L * x[0]) - x[1]) / 4.0) : (int)Math.Floor(((2L * x[0]) + (2L * x[1])) / 4.0)).ToArray();
        var output = new int[1];
        for (int s = 0; s < samples.Count; s++)
        {
            network.EvaluateReference(samples[s], output);
            Assert.Equal(expected[s], output[0]);
            network.Evaluate(samples[s], output);
            Assert.Equal(expected[s], output[0]);
        }

        var batch = new int[samples.Count];
        network.EvaluateReferenceBatch(inputs, batch);
        Assert.Equal(expected, batch);
    }

    [Fact]
    public void Generated_xunit_tests_pass()
    {
        using var assembly = SharedRuns.Xor.Load();
        var tests = assembly.Assembly.GetType("SlthGen.Samples.Xor.XorTicketTests", throwOnError: true)!;
        var facts = tests.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null).ToList();
        Assert.Equal(3, facts.Count);
        var instance = Activator.CreateInstance(tests);
        foreach (var fact in facts)
        {
            fact.Invoke(instance, null);
        }
    }

    [Fact]
    public void Generated_api_rejects_bad_spans_and_inputs()
    {
        using var assembly = SharedRuns.Xor.Load();
        var xor = assembly.Network("SlthGen.Samples.Xor.Xor");
        var output = new int[1];
        Assert.Throws<ArgumentException>(() => xor.Evaluate(new int[3], output));
        Assert.Throws<ArgumentException>(() => xor.Evaluate(new int[2], new int[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => xor.Evaluate(new[] { 17, 0 }, output));
        Assert.Throws<ArgumentOutOfRangeException>(() => xor.EvaluateReference(new[] { 0, -17 }, output));
        Assert.Throws<ArgumentException>(() => xor.EvaluateBatch(new int[3], new int[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => xor.EvaluateBatch(new[] { 0, 0, 0, 99 }, new int[2]));
        Assert.Throws<ArgumentException>(() => xor.EvaluateReferenceBatch(new int[4], new int[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => xor.EvaluateReferenceBatch(new[] { 0, 0, 0, 99 }, new int[2]));

        // Past the vectorised part of the range check: the first bad value, wherever it is, is named.
        foreach (int bad in new[] { 0, 7, 8, 27, 39 })
        {
            var inputs = new int[40];
            inputs[bad] = -17;
            inputs[39 - (bad % 3)] = bad == 39 ? -17 : 17;
            int first = Math.Min(bad, 39 - (bad % 3));
            foreach (var evaluate in new[] { xor.EvaluateBatch, xor.EvaluateReferenceBatch })
            {
                var e = Assert.Throws<ArgumentOutOfRangeException>(() => evaluate(inputs, new int[20]));
                Assert.Contains($"inputs[{first}]", e.Message, StringComparison.Ordinal);
            }
        }
    }

    private static void AssertVerified(GeneratedNetwork network)
    {
        var result = network.Verify();
        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>Evaluate, EvaluateReference and EvaluateBatch all equal <paramref name="expected"/> on every input of the domain.</summary>
    private static void AssertEqualsEverywhere(GeneratedNetwork network, Func<int[], int[]> expected)
    {
        int d = network.InputCount, o = network.OutputCount, min = network.InputMin, span = network.InputMax - min + 1;
        int count = (int)Math.Pow(span, d);
        var inputs = new int[count * d];
        var wanted = new int[count * o];
        var x = new int[d];
        var ticket = new int[o];
        var reference = new int[o];
        for (int s = 0; s < count; s++)
        {
            for (int j = 0, rest = s; j < d; j++, rest /= span)
            {
                x[j] = min + (rest % span);
            }

            int[] y = expected(x);
            network.Evaluate(x, ticket);
            network.EvaluateReference(x, reference);
            Assert.True(y.SequenceEqual(ticket), $"ticket({string.Join(", ", x)}) = ({string.Join(", ", ticket)}), expected ({string.Join(", ", y)})");
            Assert.True(y.SequenceEqual(reference), $"reference({string.Join(", ", x)}) = ({string.Join(", ", reference)}), expected ({string.Join(", ", y)})");
            x.CopyTo(inputs, s * d);
            y.CopyTo(wanted, s * o);
        }

        var batch = new int[count * o];
        network.EvaluateBatch(inputs, batch);
        Assert.Equal(wanted, batch);
        var referenceBatch = new int[count * o];
        network.EvaluateReferenceBatch(inputs, referenceBatch);
        Assert.Equal(wanted, referenceBatch);
    }

    /// <summary>
    /// The target semantics in a dozen lines (SPEC): per layer, sum w·x + (b ≪ ActivationBits)
    /// in units of 2^-(TargetBits+ActivationBits), ReLU except on the last layer, then floor to γ.
    /// </summary>
    private sealed class NaiveNetwork
    {
        private readonly int _targetBits;
        private readonly int _activationBits;
        private readonly (int Inputs, int Outputs, int[] Weights, int[]? Biases)[] _layers;

        public NaiveNetwork(int targetBits, int activationBits, params (int Inputs, int Outputs, int[] Weights, int[]? Biases)[] layers)
        {
            _targetBits = targetBits;
            _activationBits = activationBits;
            _layers = layers;
        }

        public int[] Evaluate(int[] input)
        {
            long[] x = input.Select(v => (long)v).ToArray();
            for (int i = 0; i < _layers.Length; i++)
            {
                var (inputs, outputs, weights, biases) = _layers[i];
                var y = new long[outputs];
                for (int k = 0; k < outputs; k++)
                {
                    long sum = (biases?[k] ?? 0) * (1L << _activationBits);
                    for (int j = 0; j < inputs; j++)
                    {
                        sum += weights[(k * inputs) + j] * x[j];
                    }

                    if (i < _layers.Length - 1)
                    {
                        sum = Math.Max(sum, 0);
                    }

                    y[k] = (long)Math.Floor(sum / (double)(1L << _targetBits));
                }

                x = y;
            }

            return x.Select(v => checked((int)v)).ToArray();
        }
    }
}
