using System;
using System.Collections.Generic;
using System.Linq;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

#pragma warning disable CA2252 // AvxVnni.IsSupported: preview only in the net8.0 reference assemblies

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

        // 0..67 samples: empty, partial groups of 4, many groups plus a tail.
        int samples = seed <= 4 ? seed - 1 : (int)random.NextInclusive(0, 67);
        var inputs = new int[samples * network.InputCount];
        for (int i = 0; i < inputs.Length; i++)
        {
            // Range ends a third of the time: they reach the bounds the 8- and 16-bit proofs are about.
            inputs[i] = (int)(random.NextBelow(3) == 0 ? (random.NextBelow(2) == 0 ? network.InputMin : network.InputMax) : random.NextInclusive(network.InputMin, network.InputMax));
        }

        var expected = Interpreted(network, inputs);
        foreach (var (name, options) in SupportedOptions())
        {
            var packed = PackedTargetNetwork.Create(network, options);
            var batch = new int[expected.Length];
            packed.EvaluateBatch(inputs, batch);
            Assert.True(expected.SequenceEqual(batch), name + " (" + string.Join(", ", packed.Kernels) + "): the batch differs from the interpreted target.");
            for (int s = 0; s < samples; s++)
            {
                var one = new int[network.OutputCount];
                packed.Evaluate(inputs.AsSpan(s * network.InputCount, network.InputCount), one);
                Assert.True(expected.Skip(s * network.OutputCount).Take(network.OutputCount).SequenceEqual(one), name + ": sample " + s + " differs from the interpreted target.");
            }
        }
    }

    [Fact]
    public void Random_networks_reach_both_widths_and_every_supported_kernel()
    {
        // The seeds above are only worth something if they exercise the 8-bit layers and every kernel.
        var seen = new HashSet<PackedKernel>();
        foreach (int seed in Enumerable.Range(1, 40))
        {
            var network = RandomNetwork(new SeededRandom(seed));
            foreach (var (_, options) in SupportedOptions())
            {
                seen.UnionWith(PackedTargetNetwork.Create(network, options).Kernels);
            }
        }

        Assert.Contains(PackedKernel.Scalar8, seen);
        Assert.Contains(PackedKernel.Scalar16, seen);
#if NET8_0_OR_GREATER
        if (Avx512BW.IsSupported)
        {
            Assert.Contains(PackedKernel.Avx512Maddubs8, seen);
            Assert.Contains(PackedKernel.Avx512Madd16, seen);
        }

        if (AvxVnni.IsSupported)
        {
            Assert.Contains(PackedKernel.AvxVnni8, seen);
            Assert.Contains(PackedKernel.AvxVnni16, seen);
        }

        if (Avx2.IsSupported)
        {
            Assert.Contains(PackedKernel.Avx2Maddubs8, seen);
            Assert.Contains(PackedKernel.Avx2Madd16, seen);
        }
#endif
    }

    /// <summary>Each 16-bit kernel against the scalar loop, one sample and groups of four.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_16_bit_kernel_computes_the_same_layer(int seed)
    {
        var random = new SeededRandom(1000 + seed);
        var network = RandomNetwork(random);
        bool relu = random.NextBelow(2) == 0;
        var x = RandomInputs(random, network, network.Layers[0].Inputs + (network.Layers[0].Inputs % 2));
        int[]? scalar = null;
        foreach (var kernel in SupportedKernels().Where(k => k < PackedKernel.Scalar8))
        {
            var layer = new PackedLayer(network.Layers[0], network.Activation.Bits, network.TargetPrecision.Bits, relu, kernel);
            var shorts = x.Select(v => (short)v).ToArray();
            var one = new int[PackedKernels.Group * layer.OutputStride];
            for (int s = 0; s < PackedKernels.Group; s++)
            {
                PackedKernels.Layer(layer, shorts.AsSpan(s * layer.InputStride), one.AsSpan(s * layer.OutputStride), 1);
            }

            var grouped = new int[one.Length];
            PackedKernels.Layer(layer, shorts, grouped, PackedKernels.Group);
            scalar ??= one;
            Assert.True(scalar.SequenceEqual(one), kernel + " (one sample) differs from the scalar kernel.");
            Assert.True(scalar.SequenceEqual(grouped), kernel + " (group of 4) differs from the scalar kernel.");
        }
    }

    /// <summary>Each 8-bit kernel against its scalar loop and against the 16-bit scalar loop, with signed inputs offset to bytes.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_8_bit_kernel_computes_the_same_layer_as_the_16_bit_one(int seed)
    {
        var random = new SeededRandom(2000 + seed);
        var network = RandomNetwork(random);
        var target = network.Layers[0];
        bool relu = random.NextBelow(2) == 0;
        int m = network.Activation.Bits, t = network.TargetPrecision.Bits;
        Assert.Null(PackedByteLayer.Obstacle(target, m, network.InputMin, network.InputMax));
        bool pairsFit = PackedByteLayer.PairsFitInt16(target, network.InputMax - network.InputMin);
        var wide = new PackedLayer(target, m, t, relu, PackedKernel.Scalar16);
        int stride = wide.InputStride + 4;
        var x = RandomInputs(random, network, stride);
        var expected = new int[PackedKernels.Group * wide.OutputStride];
        for (int s = 0; s < PackedKernels.Group; s++)
        {
            PackedKernels.LayerScalar(wide, x.Select(v => (short)v).ToArray().AsSpan(s * stride), expected.AsSpan(s * wide.OutputStride));
        }

        bool runsFit = PackedByteLayer.RunsFitInt16(target, network.InputMax - network.InputMin);
        foreach (var (kernel, runs) in SupportedKernels().Where(k => k >= PackedKernel.Scalar8 && (pairsFit || !IsMaddubs(k))).SelectMany(k => new[] { (k, false), (k, runsFit) }).Distinct())
        {
            var layer = new PackedByteLayer(target, m, t, relu, network.InputMin, kernel) { WidenByRuns = runs };
            var bytes = new byte[PackedKernels.Group * layer.InputBytes];
            for (int s = 0; s < PackedKernels.Group; s++)
            {
                layer.Load(x.AsSpan(s * stride, layer.Inputs), bytes.AsSpan(s * layer.InputBytes));
            }

            var one = new int[expected.Length];
            for (int s = 0; s < PackedKernels.Group; s++)
            {
                PackedByteKernels.Layer(layer, bytes.AsSpan(s * layer.InputBytes), one.AsSpan(s * layer.OutputStride), 1);
            }

            var grouped = new int[expected.Length];
            PackedByteKernels.Layer(layer, bytes, grouped, PackedKernels.Group);
            Assert.True(expected.SequenceEqual(one), kernel + (runs ? " with 16-bit runs" : string.Empty) + " (one sample) differs from the 16-bit scalar kernel.");
            Assert.True(expected.SequenceEqual(grouped), kernel + (runs ? " with 16-bit runs" : string.Empty) + " (group of 4) differs from the 16-bit scalar kernel.");
        }
    }

    [Fact]
    public void Signed_inputs_run_on_8_bit_kernels_through_the_offset()
    {
        // Inputs in [-16, 16], weights at the edges ±2^t: x + 16 is a byte, the bias absorbs -16·Σw.
        var random = new SeededRandom(77);
        var weights = Enumerable.Range(0, 33 * 20).Select(_ => (long)(random.NextBelow(3) switch { 0 => -16, 1 => 16, _ => (int)random.NextInclusive(-16, 16) })).ToArray();
        var network = new TargetNetwork(new[] { new TargetLayer(33, 20, weights, Enumerable.Range(0, 20).Select(k => (long)(k - 10)).ToArray()) }, new Precision(4), new Precision(4), -16, 16);
        var inputs = Enumerable.Range(0, 67 * 33).Select(i => i % 5 == 0 ? -16 : i % 5 == 1 ? 16 : (int)random.NextInclusive(-16, 16)).ToArray();
        var expected = Interpreted(network, inputs);
        foreach (var (name, options) in SupportedOptions().Where(o => !o.Options.Only16Bit))
        {
            var packed = PackedTargetNetwork.Create(network, options);
            Assert.True(packed.Kernels[0] >= PackedKernel.Scalar8, name + " did not choose an 8-bit kernel.");
            var actual = new int[expected.Length];
            packed.EvaluateBatch(inputs, actual);
            Assert.True(expected.SequenceEqual(actual), name + " differs from the interpreted target.");
        }
    }

    [Fact]
    public void The_public_Create_packs_proven_layers_on_8_bit_kernels()
    {
        // What the generated code calls: the 784-500-10 shape's first layer (weights in [-16, 16],
        // inputs in [0, 16]) must get an 8-bit kernel wherever SIMD runs, and its second (inputs up
        // to 12,544) a 16-bit one.
        var random = new SeededRandom(5);
        var network = new TargetNetwork(
            new[] { new TargetLayer(784, 50, Enumerable.Range(0, 784 * 50).Select(_ => random.NextInclusive(-16, 16)).ToArray()), new TargetLayer(50, 10, Enumerable.Repeat(16L, 500).ToArray()) },
            new Precision(4),
            new Precision(4),
            0,
            16);
        var kernels = PackedTargetNetwork.Create(network).Kernels;
        Assert.True(kernels[1] < PackedKernel.Scalar8);
#if NET8_0_OR_GREATER
        if (Avx2.IsSupported)
        {
            Assert.True(kernels[0] > PackedKernel.Scalar8, "The first layer runs on " + kernels[0] + ".");
        }
#endif
    }

    [Fact]
    public void Pairs_that_could_saturate_keep_vpmaddubsw_out()
    {
        // Inputs in [0, 255] and weights 127: one vpmaddubsw pair reaches 2·127·255 = 64,770 > 32,767.
        var network = new TargetNetwork(new[] { new TargetLayer(64, 17, Enumerable.Repeat(127L, 64 * 17).ToArray()) }, new Precision(7), new Precision(4), 0, 255);
        var target = network.Layers[0];
        Assert.Null(PackedByteLayer.Obstacle(target, 4, 0, 255));
        Assert.False(PackedByteLayer.PairsFitInt16(target, 255));
        var inputs = Enumerable.Repeat(255, 5 * 64).ToArray();
        var expected = Interpreted(network, inputs);
        foreach (var (name, options) in SupportedOptions())
        {
            var packed = PackedTargetNetwork.Create(network, options);
            Assert.DoesNotContain(packed.Kernels[0], new[] { PackedKernel.Avx2Maddubs8, PackedKernel.Avx512Maddubs8 });
            var actual = new int[expected.Length];
            packed.EvaluateBatch(inputs, actual);
            Assert.True(expected.SequenceEqual(actual), name + " differs from the interpreted target.");
        }

#if NET8_0_OR_GREATER
        // The proof is not a formality: forced onto vpmaddubsw, the saturated pairs give wrong sums.
        if (Avx512BW.IsSupported)
        {
            var layer = new PackedByteLayer(target, 4, 7, relu: false, 0, PackedKernel.Avx512Maddubs8);
            var y = new int[layer.OutputStride];
            PackedByteKernels.Layer(layer, Enumerable.Repeat((byte)255, layer.InputBytes).ToArray(), y, 1);
            Assert.NotEqual(expected[0], y[0]);
        }
#endif
    }

    [Fact]
    public void Runs_that_could_overflow_int16_are_widened_quad_by_quad()
    {
        // Inputs in [0, 64], weights 127: a pair reaches 16,256 (fits), a run of four quads 65,024 (does not).
        var network = new TargetNetwork(new[] { new TargetLayer(40, 16, Enumerable.Repeat(127L, 40 * 16).ToArray()) }, new Precision(7), new Precision(4), 0, 64);
        var target = network.Layers[0];
        Assert.True(PackedByteLayer.PairsFitInt16(target, 64));
        Assert.False(PackedByteLayer.RunsFitInt16(target, 64));
        var inputs = Enumerable.Repeat(64, 5 * 40).ToArray();
        var expected = Interpreted(network, inputs);
        foreach (var (name, options) in SupportedOptions())
        {
            var actual = new int[expected.Length];
            PackedTargetNetwork.Create(network, options).EvaluateBatch(inputs, actual);
            Assert.True(expected.SequenceEqual(actual), name + " differs from the interpreted target.");
        }

#if NET8_0_OR_GREATER
        // Forced to sum runs in 16 bits, vpaddw wraps and the sums come out wrong.
        if (Avx512BW.IsSupported)
        {
            var layer = new PackedByteLayer(target, 4, 7, relu: false, 0, PackedKernel.Avx512Maddubs8) { WidenByRuns = true };
            var y = new int[layer.OutputStride];
            PackedByteKernels.Layer(layer, Enumerable.Repeat((byte)64, layer.InputBytes).ToArray(), y, 1);
            Assert.NotEqual(expected[0], y[0]);
        }
#endif
    }

    [Theory]
    [InlineData(200L, 0L, 16L, "beyond 8-bit integers")]
    [InlineData(1L, -200L, 100L, "more than 256 values")]
    public void Layers_outside_the_8_bit_proof_run_on_16_bit_kernels(long weight, long low, long high, string reason)
    {
        var network = new TargetNetwork(new[] { new TargetLayer(3, 2, new[] { weight, 1, -1, 2, -2, 1 }) }, new Precision(8), new Precision(4), low, high);
        Assert.Contains(reason, PackedByteLayer.Obstacle(network.Layers[0], 4, low, high));
        var inputs = new[] { (int)low, (int)high, 0, (int)high, (int)low, (int)high };
        var expected = Interpreted(network, inputs);
        foreach (var (name, options) in SupportedOptions())
        {
            var packed = PackedTargetNetwork.Create(network, options);
            Assert.True(packed.Kernels[0] < PackedKernel.Scalar8, name + " chose an 8-bit kernel.");
            var actual = new int[expected.Length];
            packed.EvaluateBatch(inputs, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Offset_biases_beyond_int32_are_refused_for_8_bit_kernels()
    {
        // 2^24 inputs are not needed: a bias of 2^23 units of δt scaled by 2^m = 2^8 is already 2^31.
        var layer = new TargetLayer(1, 1, new long[] { 1 }, new long[] { 1L << 23 });
        Assert.Contains("beyond 32-bit integers", PackedByteLayer.Obstacle(layer, 8, 0, 1));
    }

    [Fact]
    public void Forcing_an_instruction_set_the_processor_lacks_throws()
    {
#if NET8_0_OR_GREATER
        if (!AvxVnni.IsSupported)
        {
            Assert.Throws<PlatformNotSupportedException>(() => PackedTargetNetwork.Create(TicketBuilderTests.Xor(), new PackedOptions(PackedIsa.AvxVnni)));
        }
#endif
        Assert.Equal(new[] { PackedKernel.Scalar8, PackedKernel.Scalar8 }, PackedTargetNetwork.Create(TicketBuilderTests.Xor(), new PackedOptions(PackedIsa.Scalar)).Kernels);
        Assert.Equal(new[] { PackedKernel.Scalar16, PackedKernel.Scalar16 }, PackedTargetNetwork.Create(TicketBuilderTests.Xor(), new PackedOptions(PackedIsa.Scalar, Only16Bit: true)).Kernels);
    }

    [Fact]
    public void Padding_lanes_stay_zero_so_the_next_layer_sees_zero_inputs()
    {
        // 17 outputs: lanes 17..31 of the second block must come out exactly 0 even with biases and no ReLU.
        var layer = new TargetLayer(3, 17, Enumerable.Repeat(-5L, 51).ToArray(), Enumerable.Repeat(-3L, 17).ToArray());
        foreach (var kernel in SupportedKernels())
        {
            var y = new int[32];
            if (kernel < PackedKernel.Scalar8)
            {
                PackedKernels.Layer(new PackedLayer(layer, 3, 4, relu: false, kernel), new short[] { 7, 7, 7, 0 }, y, 1);
            }
            else
            {
                PackedByteKernels.Layer(new PackedByteLayer(layer, 3, 4, relu: false, 0, kernel), new byte[] { 7, 7, 7, 0 }, y, 1);
            }

            Assert.All(y.Skip(17), v => Assert.Equal(0, v));
            Assert.All(y.Take(17), v => Assert.Equal(((-3 << 3) + (-105)) >> 4, v));
        }
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

    /// <summary>Every option set this processor supports, with a name for failure messages.</summary>
    internal static IEnumerable<(string Name, PackedOptions Options)> SupportedOptions()
    {
        var isas = new List<PackedIsa> { PackedIsa.Auto, PackedIsa.Scalar };
#if NET8_0_OR_GREATER
        if (Avx2.IsSupported)
        {
            isas.Add(PackedIsa.Avx2);
        }

        if (Avx512BW.IsSupported)
        {
            isas.Add(PackedIsa.Avx512BW);
        }

        if (AvxVnni.IsSupported)
        {
            isas.Add(PackedIsa.AvxVnni);
        }
#endif
        foreach (var isa in isas)
        {
            yield return (isa + ", 8-bit where proven", new PackedOptions(isa));
            yield return (isa + ", 16-bit only", new PackedOptions(isa, Only16Bit: true));
            yield return (isa + ", 8-bit, no 16-bit runs", new PackedOptions(isa, NoRuns: true));
        }
    }

    private static IEnumerable<PackedKernel> SupportedKernels()
    {
        yield return PackedKernel.Scalar16;
        yield return PackedKernel.Scalar8;
#if NET8_0_OR_GREATER
        if (Avx2.IsSupported)
        {
            yield return PackedKernel.Avx2Madd16;
            yield return PackedKernel.Avx2Maddubs8;
        }

        if (Avx512BW.IsSupported)
        {
            yield return PackedKernel.Avx512Madd16;
            yield return PackedKernel.Avx512Maddubs8;
        }

        if (AvxVnni.IsSupported)
        {
            yield return PackedKernel.AvxVnni16;
            yield return PackedKernel.AvxVnni8;
        }
#endif
    }

    private static bool IsMaddubs(PackedKernel kernel) => kernel is PackedKernel.Avx2Maddubs8 or PackedKernel.Avx512Maddubs8;

    private static int[] Interpreted(TargetNetwork network, int[] inputs)
    {
        int samples = inputs.Length / network.InputCount;
        var expected = new int[samples * network.OutputCount];
        for (int s = 0; s < samples; s++)
        {
            var output = network.Evaluate(inputs.Skip(s * network.InputCount).Take(network.InputCount).Select(v => (long)v).ToArray());
            for (int k = 0; k < output.Length; k++)
            {
                expected[(s * network.OutputCount) + k] = checked((int)output[k]);
            }
        }

        return expected;
    }

    /// <summary>Four samples of <paramref name="stride"/> values: the first layer's inputs in range (ends a third of the time), zero padding.</summary>
    private static int[] RandomInputs(SeededRandom random, TargetNetwork network, int stride)
    {
        var x = new int[PackedKernels.Group * stride];
        for (int s = 0; s < PackedKernels.Group; s++)
        {
            for (int j = 0; j < network.InputCount; j++)
            {
                x[(s * stride) + j] = (int)(random.NextBelow(3) == 0 ? (random.NextBelow(2) == 0 ? network.InputMin : network.InputMax) : random.NextInclusive(network.InputMin, network.InputMax));
            }
        }

        return x;
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
            // A third of the layers only at the edges ±2^t (and 0), where the bounds are tight.
            bool edges = random.NextBelow(3) == 0;
            var w = Enumerable.Range(0, inputs * outputs).Select(_ => edges ? (random.NextBelow(3) switch { 0 => -one, 1 => one, _ => 0 }) : random.NextInclusive(-one, one)).ToArray();
            long[]? b = random.NextBelow(2) == 0 ? Enumerable.Range(0, outputs).Select(_ => random.NextInclusive(-one, one)).ToArray() : null;
            list.Add(new TargetLayer(inputs, outputs, w, b));
            inputs = outputs;
        }

        long low = random.NextBelow(2) == 0 ? 0 : -(long)random.NextInclusive(1, 64);
        return new TargetNetwork(list, new Precision(targetBits), new Precision(4), low, (long)random.NextInclusive(1, 64));
    }
}
