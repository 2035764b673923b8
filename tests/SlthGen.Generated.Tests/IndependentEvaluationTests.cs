using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace SlthGen.Generated.Tests;

/// <summary>
/// The generated tests compare the ticket with SlthGen's own reference; these compare it with a
/// separate, deliberately naive evaluation written here from the paper's definition, on every
/// input of the declared domain.
/// </summary>
public class IndependentEvaluationTests
{
    public delegate void Evaluator(ReadOnlySpan<int> input, Span<int> output);

    public static IEnumerable<object[]> Networks()
    {
        yield return new object[] { "Xor" };
        yield return new object[] { "Deep" };
        yield return new object[] { "Shallow" };
        yield return new object[] { "Positive" };
        yield return new object[] { "XorFromJson" };
        yield return new object[] { "DeepFromNpz" };
        yield return new object[] { "SingleFromNpy" };
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Ticket_equals_a_naive_evaluation_on_every_input(string name)
    {
        var (evaluate, layers, targetBits, activationBits, min, max, inputs) = Describe(name);
        var input = new int[inputs];
        var output = new int[layers[^1].Outputs];
        long count = 0;
        foreach (var x in Domain(inputs, min, max))
        {
            x.CopyTo(input, 0);
            evaluate(input, output);
            var expected = Naive(layers, targetBits, activationBits, x);
            Assert.Equal(expected, output);
            count++;
        }

        Assert.Equal((long)Math.Pow(max - min + 1, inputs), count);
    }

    [Fact]
    public void Checked_entry_points_reject_bad_spans_and_out_of_range_inputs()
    {
        var output = new int[1];
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => Xor.Evaluate(new int[3], output)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => Xor.Evaluate(new int[2], new int[2])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentOutOfRangeException>(() => Xor.Evaluate(new[] { 0, 17 }, output)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentOutOfRangeException>(() => Xor.EvaluateReference(new[] { -17, 0 }, output)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => Xor.EvaluateBatch(new int[3], new int[1])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Xor.EvaluateBatch(new int[4], new int[1])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentOutOfRangeException>(() => Xor.EvaluateBatch(new[] { 0, 0, 99, 0 }, new int[2])).ParamName);
    }

    [Fact]
    public void Reports_describe_the_construction()
    {
        Assert.Equal(TicketConstruction.Depth2L, Deep.Ticket.Construction);
        Assert.Equal(TicketConstruction.DepthLPlus1, Shallow.Ticket.Construction);
        Assert.Equal(6, Deep.InterpretedTicket.Layers.Count);
        Assert.Equal(4, Shallow.InterpretedTicket.Layers.Count);
        Assert.Equal(60, Outer.Positive.Ticket.HiddenPerInput[0]);
        Assert.True(Deep.Ticket.KeptParameters < Deep.Ticket.GParameters);
        Assert.Equal(new[] { 3, 5, 3, 1 }, Deep.Ticket.LayerShape);
    }

    private static (Evaluator, (int Inputs, int Outputs, int[] W, int[]? B)[], int, int, int, int, int) Describe(string name) => name switch
    {
        "Xor" => (Xor.Evaluate, new[] { (2, 2, new[] { 16, -16, -16, 16 }, (int[]?)new[] { 0, 0 }), (2, 1, new[] { 16, 16 }, null) }, 4, 4, -16, 16, 2),
        "Deep" => (Deep.Evaluate, DeepLayers, 3, 3, -4, 6, 3),
        "Shallow" => (Shallow.Evaluate, DeepLayers, 3, 3, -4, 6, 3),
        "Positive" => (Outer.Positive.Evaluate, new[] { (4, 2, new[] { 4, -4, 1, 0, -1, 2, 3, -2 }, (int[]?)new[] { -1, 1 }) }, 2, 2, 0, 4, 4),
        "XorFromJson" => (XorFromJson.Evaluate, new[] { (2, 2, new[] { 16, -16, -16, 16 }, (int[]?)new[] { 0, 0 }), (2, 1, new[] { 16, 16 }, null) }, 4, 4, -16, 16, 2),
        "DeepFromNpz" => (DeepFromNpz.Evaluate, DeepLayers, 3, 3, -4, 6, 3),
        "SingleFromNpy" => (SingleFromNpy.Evaluate, new[] { (4, 2, new[] { 4, -4, 1, 0, -1, 2, 3, -2 }, (int[]?)null) }, 2, 2, 0, 4, 4),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static readonly (int Inputs, int Outputs, int[] W, int[]? B)[] DeepLayers =
    {
        (3, 5, new[] { 8, -8, 0, 3, -1, 2, 0, 0, 0, -5, 7, 1, 4, 4, -8 }, new[] { 1, -2, 0, 8, -8 }),
        (5, 3, new[] { 1, 0, -3, 8, 2, -8, 5, 0, 0, 1, 0, 0, 0, 0, 0 }, null),
        (3, 1, new[] { 6, -7, 8 }, new[] { -3 }),
    };

    /// <summary>f(x) with real arithmetic on exact dyadic values: ⌊·⌋ to γ after every layer, ReLU on hidden layers.</summary>
    private static int[] Naive((int Inputs, int Outputs, int[] W, int[]? B)[] layers, int t, int m, int[] x)
    {
        decimal gamma = 1m / (1 << m), delta = 1m / (1 << t);
        decimal[] a = x.Select(v => v * gamma).ToArray();
        for (int i = 0; i < layers.Length; i++)
        {
            var (inputs, outputs, w, b) = layers[i];
            var next = new decimal[outputs];
            for (int k = 0; k < outputs; k++)
            {
                decimal z = b is null ? 0 : b[k] * delta;
                for (int j = 0; j < inputs; j++)
                {
                    z += w[(k * inputs) + j] * delta * a[j];
                }

                if (i < layers.Length - 1)
                {
                    z = Math.Max(0, z);
                }

                next[k] = Math.Floor(z / gamma) * gamma;
            }

            a = next;
        }

        return a.Select(v => (int)(v / gamma)).ToArray();
    }

    private static IEnumerable<int[]> Domain(int d, int min, int max)
    {
        var x = Enumerable.Repeat(min, d).ToArray();
        while (true)
        {
            yield return x;
            int at = d - 1;
            while (at >= 0 && x[at] == max)
            {
                x[at] = min;
                at--;
            }

            if (at < 0)
            {
                yield break;
            }

            x[at]++;
        }
    }
}
