using System;
using System.Linq;
using SlthGen.Samples.Digits.Training;
using Xunit;

namespace SlthGen.Samples.Tests;

/// <summary>The integer target evaluation against independent evaluations.</summary>
public class IntegerEvaluationTests
{
    private static readonly QuantizedMlp Network = QuantizedMlp.ReadFile(Committed.Weights);

    [Fact]
    public void Integer_evaluation_matches_a_decimal_evaluation_on_every_image()
    {
        var all = DigitsData.LoadAll();
        var input = new int[64];
        var output = new int[10];
        var hidden = new int[32];
        for (int n = 0; n < all.Count; n++)
        {
            all.CopyImage(n, input);
            Network.Evaluate(input, hidden, output);
            var (expectedHidden, expectedOutput) = Decimal(Network, all.Image(n));
            Assert.Equal(expectedHidden, hidden.Select(h => h / 16m));
            Assert.Equal(expectedOutput, output.Select(o => o / 16m));
        }
    }

    [Fact]
    public void Integer_evaluation_matches_the_runtime_target_network()
    {
        var target = Network.ToTargetNetwork();
        Assert.Equal(64, target.InputCount);
        Assert.Equal(10, target.OutputCount);
        var all = DigitsData.LoadAll();
        var input = new int[64];
        var output = new int[10];
        for (int n = 0; n < all.Count; n += 7)
        {
            all.CopyImage(n, input);
            Network.Evaluate(input, output);
            Assert.Equal(target.Evaluate(input.Select(x => (long)x).ToArray()), output.Select(o => (long)o));
        }

        Assert.Equal(Evaluation.Of(Network, all), Evaluation.Of((x, y) => Network.Evaluate(x, y), all));
    }

    [Fact]
    public void Evaluate_checks_its_arguments()
    {
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => Network.Evaluate(new int[63], new int[10])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => Network.Evaluate(new int[64], new int[9])).ParamName);
        var input = new int[64];
        input[5] = 17;
        Assert.Equal("input", Assert.Throws<ArgumentOutOfRangeException>(() => Network.Evaluate(input, new int[10])).ParamName);
    }

    [Fact]
    public void Argmax_takes_the_first_largest()
    {
        Assert.Equal(1, Evaluation.Argmax<int>(new[] { 3, 7, 7, 1 }));
        Assert.Equal(0, Evaluation.Argmax<double>(new[] { 2.0, 2.0 }));
        Assert.Equal(2, Evaluation.Argmax<int>(new[] { -5, -4, -1 }));
    }

    /// <summary>
    /// The target from its definition in decimal values: weights q/16, inputs p/16,
    /// hidden = ⌊ReLU(W1·x + b1)⌋ to 1/16, output = ⌊W2·hidden + b2⌋ to 1/16.
    /// </summary>
    private static (decimal[] Hidden, decimal[] Output) Decimal(QuantizedMlp network, ReadOnlySpan<byte> pixels)
    {
        static decimal Floor16(decimal v) => Math.Floor(v * 16m) / 16m;
        var hidden = new decimal[network.HiddenCount];
        for (int j = 0; j < hidden.Length; j++)
        {
            decimal sum = network.B1[j] / 16m;
            for (int i = 0; i < network.InputCount; i++)
            {
                sum += network.W1[(j * network.InputCount) + i] / 16m * (pixels[i] / 16m);
            }

            hidden[j] = Floor16(Math.Max(sum, 0m));
        }

        var output = new decimal[network.OutputCount];
        for (int k = 0; k < output.Length; k++)
        {
            decimal sum = network.B2[k] / 16m;
            for (int j = 0; j < hidden.Length; j++)
            {
                sum += network.W2[(k * network.HiddenCount) + j] / 16m * hidden[j];
            }

            output[k] = Floor16(sum);
        }

        return (hidden, output);
    }
}
