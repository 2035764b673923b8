using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace SlthGen.Benchmarks.Kernels;

/// <summary>
/// The reference's dense kernels against each other on a 784-500-10 network shaped like
/// tests/SlthGen.LargeTicket (weights uniform in [−16, 16] at δt = 2^-4, inputs uniform in [0, 16]):
/// 16-bit <c>vpmaddwd</c> + <c>vpaddd</c> (the kernel before the 8-bit ones, the baseline) against
/// AVX-VNNI <c>vpdpwssd</c>, and the 8-bit <c>vpmaddubsw</c> + <c>vpmaddwd</c> against
/// <c>vpdpbusd</c>, each forced through <see cref="PackedOptions"/> ("-noruns": every
/// <c>vpmaddubsw</c> widened at once instead of four summed in 16 bits first). Mean is the time per sample;
/// one sample per call at batch 1, 1,024 per call otherwise. Cases whose instruction set this
/// processor lacks throw in setup.
/// </summary>
[Config(typeof(PackedKernelJob))]
public class PackedKernelBenchmarks
{
    /// <summary>Samples per invocation.</summary>
    public const int Samples = 1024;

    private PackedTargetNetwork _packed = null!;
    private int[] _inputs = Array.Empty<int>();
    private int[] _outputs = Array.Empty<int>();

    /// <summary>The forced kernels: instruction set and whether the first layer may use 8-bit weights.</summary>
    public static IEnumerable<string> Kernels => new[] { "Avx512BW-16", "AvxVnni-16", "Avx512BW-8-noruns", "Avx512BW-8", "AvxVnni-8", "Avx2-8", "Auto" };

    /// <summary>The kernel under test.</summary>
    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "Auto";

    /// <summary>1: one sample per call (weights streamed per sample); 1,024: four samples per pass over the weights.</summary>
    [Params(1, 1024)]
    public int Batch { get; set; }

    /// <summary>Builds the network, packs it with the forced kernel and checks it against the interpreted target.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededRandom(20261205);
        var layers = new[] { (784, 500), (500, 10) }.Select(s => new TargetLayer(s.Item1, s.Item2, Enumerable.Range(0, s.Item1 * s.Item2).Select(_ => random.NextInclusive(-16, 16)).ToArray())).ToArray();
        var network = new TargetNetwork(layers, new Precision(4), new Precision(4), 0, 16);
        var parts = Kernel.Split('-');
        var options = parts[0] == "Auto" ? default : new PackedOptions(Enum.Parse<PackedIsa>(parts[0]), Only16Bit: parts[1] == "16", NoRuns: parts.Length > 2);
        _packed = PackedTargetNetwork.Create(network, options);
        Console.WriteLine("// " + Kernel + ": " + string.Join(", ", _packed.Kernels));
        _inputs = Enumerable.Range(0, Samples * 784).Select(_ => (int)random.NextInclusive(0, 16)).ToArray();
        _outputs = new int[Samples * 10];
        for (int s = 0; s < 16; s++)
        {
            var expected = network.Evaluate(_inputs.AsSpan(s * 784, 784).ToArray().Select(v => (long)v).ToArray());
            var actual = new int[10];
            _packed.EvaluateUnchecked(_inputs.AsSpan(s * 784, 784), actual);
            if (!expected.Select(v => (int)v).SequenceEqual(actual))
            {
                throw new InvalidOperationException(Kernel + ": sample " + s + " differs from the interpreted target.");
            }
        }
    }

    /// <summary><see cref="Samples"/> samples in calls of <see cref="Batch"/>.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int Evaluate()
    {
        ReadOnlySpan<int> x = _inputs;
        Span<int> y = _outputs;
        if (Batch == 1)
        {
            for (int s = 0; s < Samples; s++)
            {
                _packed.EvaluateUnchecked(x.Slice(s * 784, 784), y.Slice(s * 10, 10));
            }
        }
        else
        {
            _packed.EvaluateBatchUnchecked(x, y);
        }

        return y[0];
    }
}

/// <summary>One launch, 3 warm-up and 9 measured iterations of 250 ms (as the inference benchmarks).</summary>
public class PackedKernelJob : ManualConfig
{
    /// <summary>Adds the job; the build may take over BenchmarkDotNet's default 2 minutes while the 2 cores are shared.</summary>
    public PackedKernelJob()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9).WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("Short250ms"));
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}
