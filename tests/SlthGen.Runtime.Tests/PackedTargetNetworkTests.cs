using System;
using System.Collections.Generic;
using System.Linq;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

namespace SlthGen.Tests;

public class PackedTargetNetworkTests
{
    /// <summary>Widths that cross the kernels' edges: odd inputs (a padded pair), outputs past one 16-lane block.</summary>
    private static readonly int[] Widths = { 1, 2, 3, 15, 16, 17, 33, 64 };

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 40).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Packed_network_equals_the_interpreted_target_sample_by_sample_and_in_batches(int seed)
    {
        var random = new SeededRandom(seed);
        var network = RandomNetwork(random);
        Assert.True(PackedTargetNetwork.CanPack(network));
        var packed = PackedTargetNetwork.Create(network);
        int samples = (int)random.NextInclusive(0, 11);
        var inputs = new int[samples * network.InputCount];
        for (int i = 0; i < inputs.Length; i++)
        {
            // Corners a third of the time: they reach the bounds the int16 proof is about.
            inputs[i] = (int)(random.NextBelow(3) == 0 ? (random.NextBelow(2) == 0 ? network.InputMin : network.InputMax) : random.NextInclusive(network.InputMin, network.InputMax));
        }

        var expected = new int[samples * network.OutputCount];
        for (int s = 0; s < samples; s++)
        {
            var output = network.Evaluate(inputs.Skip(s * network.InputCount).Take(network.InputCount).Select(v => (long)v).ToArray());
            for (int k = 0; k < output.Length; k++)
            {
                expected[(s * network.OutputCount) + k] = checked((int)output[k]);
            }
        }

        var batch = new int[expected.Length];
        packed.EvaluateBatch(inputs, batch);
        Assert.Equal(expected, batch);
        for (int s = 0; s < samples; s++)
        {
            var one = new int[network.OutputCount];
            packed.Evaluate(inputs.AsSpan(s * network.InputCount, network.InputCount), one);
            Assert.Equal(expected.Skip(s * network.OutputCount).Take(network.OutputCount), one);
        }
    }

    /// <summary>Each instruction-set path against the scalar one, whichever this machine runs by default.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_kernel_path_computes_the_same_layer(int seed)
    {
        var random = new SeededRandom(1000 + seed);
        var network = RandomNetwork(random);
        var layer = new PackedLayer(network.Layers[0], network.Activation.Bits, network.TargetPrecision.Bits, relu: random.NextBelow(2) == 0);
        var x = new short[PackedKernels.Group * layer.InputStride];
        for (int s = 0; s < PackedKernels.Group; s++)
        {
            for (int j = 0; j < layer.Inputs; j++)
            {
                x[(s * layer.InputStride) + j] = (short)random.NextInclusive(network.InputMin, network.InputMax);
            }
        }

        var scalar = new int[PackedKernels.Group * layer.OutputStride];
        for (int s = 0; s < PackedKernels.Group; s++)
        {
            PackedKernels.LayerScalar(layer, x.AsSpan(s * layer.InputStride), scalar.AsSpan(s * layer.OutputStride));
        }

        var grouped = new int[scalar.Length];
        PackedKernels.Layer(layer, x, grouped, PackedKernels.Group);
        Assert.Equal(scalar, grouped);
#if NET8_0_OR_GREATER
        var paths = new List<(string Name, Action<int> Run)>();
        var single = new int[scalar.Length];
        if (Avx2.IsSupported)
        {
            paths.Add(("Avx2", s => PackedKernels.Layer256(layer, x.AsSpan(s * layer.InputStride), single.AsSpan(s * layer.OutputStride))));
        }

        if (Avx512BW.IsSupported)
        {
            paths.Add(("Avx512BW", s => PackedKernels.Layer512(layer, x.AsSpan(s * layer.InputStride), single.AsSpan(s * layer.OutputStride))));
            paths.Add(("Avx512BW x4", s =>
            {
                if (s == 0)
                {
                    PackedKernels.Layer512x4(layer, x, single);
                }
            }
            ));
        }

        foreach (var (name, run) in paths)
        {
            Array.Clear(single);
            for (int s = 0; s < PackedKernels.Group; s++)
            {
                run(s);
            }

            Assert.True(scalar.SequenceEqual(single), name + " differs from the scalar kernel.");
        }
#endif
    }

    [Fact]
    public void Padding_lanes_stay_zero_so_the_next_layer_sees_zero_inputs()
    {
        // 17 outputs: lanes 17..31 of the second block must come out exactly 0 even with biases and no ReLU.
        var layer = new TargetLayer(3, 17, Enumerable.Repeat(-5L, 51).ToArray(), Enumerable.Repeat(-3L, 17).ToArray());
        var packed = new PackedLayer(layer, 3, 4, relu: false);
        var y = new int[packed.OutputStride];
        PackedKernels.Layer(packed, new short[] { 7, 7, 7, 0 }, y, 1);
        Assert.All(y.Skip(17), v => Assert.Equal(0, v));
        Assert.All(y.Take(17), v => Assert.Equal(((-3 << 3) + (-105)) >> 4, v));
    }

    [Fact]
    public void Weights_beyond_int16_are_refused_with_the_reason()
    {
        var network = new TargetNetwork(new[] { new TargetLayer(1, 1, new long[] { 40_000 }) }, new Precision(16), new Precision(3), 0, 1);
        Assert.False(PackedTargetNetwork.CanPack(network));
        var e = Assert.Throws<ArgumentException>(() => PackedTargetNetwork.Create(network));
        Assert.Equal("network", e.ParamName);
        Assert.Contains("40000", e.Message);
    }

    [Fact]
    public void Inputs_beyond_int16_are_refused()
    {
        var network = new TargetNetwork(new[] { new TargetLayer(1, 1, new long[] { 1 }) }, new Precision(4), new Precision(3), 0, 40_000);
        Assert.False(PackedTargetNetwork.CanPack(network));
    }

    [Fact]
    public void Hidden_activations_beyond_int16_are_refused()
    {
        // 64 inputs of up to 16,000 times weight 16, floored by 2^-4: hidden values reach 1,024,000.
        var network = new TargetNetwork(
            new[] { new TargetLayer(64, 1, Enumerable.Repeat(16L, 64).ToArray()), new TargetLayer(1, 1, new long[] { 1 }) },
            new Precision(4),
            new Precision(3),
            0,
            16_000);
        Assert.False(PackedTargetNetwork.CanPack(network));
        Assert.Contains("inputs of layer 2", Assert.Throws<ArgumentException>(() => PackedTargetNetwork.Create(network)).Message);
    }

    [Fact]
    public void Bad_arguments_name_the_argument()
    {
        var packed = PackedTargetNetwork.Create(TicketBuilderTests.Xor());
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => PackedTargetNetwork.Create(null!)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => packed.Evaluate(new int[3], new int[1])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => packed.Evaluate(new int[2], new int[2])).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentOutOfRangeException>(() => packed.Evaluate(new[] { 0, 17 }, new int[1])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => packed.EvaluateBatch(new int[3], new int[1])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => packed.EvaluateBatch(new int[4], new int[3])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentOutOfRangeException>(() => packed.EvaluateBatch(new[] { 0, 0, -17, 0 }, new int[2])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => packed.EvaluateBatchUnchecked(new int[3], new int[1])).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => packed.EvaluateUnchecked(new int[2], new int[3])).ParamName);
    }

    /// <summary>1–3 layers of random widths from <see cref="Widths"/>, 4-bit weights, optional biases, a random input range.</summary>
    private static TargetNetwork RandomNetwork(SeededRandom random)
    {
        int layers = (int)random.NextInclusive(1, 3);
        int targetBits = (int)random.NextInclusive(1, 6);
        long one = 1L << targetBits;
        var list = new List<TargetLayer>();
        int inputs = Widths[random.NextBelow((ulong)Widths.Length)];
        for (int i = 0; i < layers; i++)
        {
            int outputs = Widths[random.NextBelow((ulong)Widths.Length)];
            var w = Enumerable.Range(0, inputs * outputs).Select(_ => random.NextInclusive(-one, one)).ToArray();
            long[]? b = random.NextBelow(2) == 0 ? Enumerable.Range(0, outputs).Select(_ => random.NextInclusive(-one, one)).ToArray() : null;
            list.Add(new TargetLayer(inputs, outputs, w, b));
            inputs = outputs;
        }

        long low = random.NextBelow(2) == 0 ? 0 : -(long)random.NextInclusive(1, 64);
        return new TargetNetwork(list, new Precision(targetBits), new Precision(4), low, (long)random.NextInclusive(1, 64));
    }
}
