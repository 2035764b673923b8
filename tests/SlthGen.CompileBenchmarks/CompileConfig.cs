using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// Jobs for operations of a second to a minute: BenchmarkDotNet's Monitoring strategy (one
/// invocation per iteration, no pilot or overhead stage), one launch, few iterations, and the
/// memory diagnoser. With <c>SLTHGEN_COMPILE_DRY=1</c> the job is the Dry job instead (each case
/// runs once, to check that it works).
/// </summary>
public abstract class CompileConfig : ManualConfig
{
    /// <summary>Adds the job and the memory diagnoser.</summary>
    /// <param name="id">The job's name in the summary.</param>
    /// <param name="warmups">Warm-up iterations.</param>
    /// <param name="iterations">Measured iterations.</param>
    protected CompileConfig(string id, int warmups, int iterations)
    {
        AddJob(Environment.GetEnvironmentVariable("SLTHGEN_COMPILE_DRY") == "1"
            ? Job.Dry
            : Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(warmups)
                .WithIterationCount(iterations)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithId(id));
        AddDiagnoser(MemoryDiagnoser.Default);
    }

    /// <summary>The digits project: 2 warm-ups, 10 iterations (about a minute in all).</summary>
    public sealed class Digits : CompileConfig
    {
        /// <summary>Creates the config.</summary>
        public Digits()
            : base("Monitoring10", warmups: 2, iterations: 10)
        {
        }
    }

    /// <summary>The 784-500-10 project: 1 warm-up, 5 iterations (its compile cases take 10–15 s each; about 4 minutes in all).</summary>
    public sealed class Large : CompileConfig
    {
        /// <summary>Creates the config.</summary>
        public Large()
            : base("Monitoring5", warmups: 1, iterations: 5)
        {
        }
    }
}
