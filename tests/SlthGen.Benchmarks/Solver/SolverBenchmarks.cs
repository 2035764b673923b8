using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Google.OrTools.Sat;
using Perfolizer.Horology;

namespace SlthGen.Benchmarks.Solver;

/// <summary>
/// Throughput of <see cref="SubsetSumSolver"/> on the instances of the paper's Lemma 5 — values
/// b·a with a uniform in [1, 2^k] and b uniform in [−2^k, 2^k], target uniform in [−4^k, 4^k] —
/// against Google OR-Tools CP-SAT (boolean variables, one linear equality, one worker) as the
/// peer baseline. Every method reports time per instance (OperationsPerInvoke), so the Ratio
/// column is the per-instance time relative to CP-SAT.
/// </summary>
/// <remarks>
/// n per k is the smallest n at which at least 99% of seeded instances are solvable
/// (measured with 1,500–20,000 instances per n; see BENCHMARKS.md). CP-SAT gets
/// <see cref="CpSatInstances"/> instances per k and a time limit of
/// <see cref="CpSatSeconds"/> s each; where it hits the limit its time is a lower bound.
/// </remarks>
[Config(typeof(SolverJob))]
public class SolverBenchmarks
{
    /// <summary>Instances per k for the solver.</summary>
    public const int Instances = 4096;

    /// <summary>Instances per k for CP-SAT.</summary>
    public const int CpSatInstances = 8;

    /// <summary>CP-SAT's time limit per instance.</summary>
    public const double CpSatSeconds = 1;

    /// <summary>n per k: the smallest n with ≥ 99% of instances solvable.</summary>
    public static readonly IReadOnlyDictionary<int, int> SizeForBits = new Dictionary<int, int>
    {
        [2] = 18,
        [4] = 20,
        [8] = 25,
        [12] = 33,
        [16] = 40,
    };

    private long[][] _values = Array.Empty<long[]>();
    private long[] _targets = Array.Empty<long>();
    private SubsetSumBatch? _batch;
    private readonly Dictionary<CpSolverStatus, int> _cpSatStatuses = new();

    /// <summary>The precision bits k (δ = 2^-k).</summary>
    [Params(2, 4, 8, 12, 16)]
    public int K { get; set; }

    /// <summary>Draws the seeded instances and reports how many are solvable.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int n = SizeForBits[K];
        (_values, _targets) = LemmaFiveInstances(K, n, Instances, seed: 20_000 + K);
        var flat = _values.SelectMany(v => v).ToArray();
        var offsets = Enumerable.Range(0, Instances + 1).Select(i => i * n).ToArray();
        _batch = new SubsetSumBatch(flat, offsets, _targets);
        int solved = SubsetSumSolver.SolveBatch(_batch).Count(r => r.IsSolved);
        double cardinality = SubsetSumSolver.SolveBatch(_batch).Where(r => r.IsSolved).Average(r => r.Indices.Length);
        Console.WriteLine($"// SolverSetup: k={K} n={n}: {solved}/{Instances} solvable ({100.0 * solved / Instances:F2}%), mean cardinality {cardinality:F2}");
    }

    /// <summary>Reports CP-SAT's answers (it may hit its time limit).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_cpSatStatuses.Count > 0)
        {
            Console.WriteLine($"// CpSatStatuses: k={K}: " + string.Join(", ", _cpSatStatuses.Select(p => $"{p.Key} {p.Value}")));
        }
    }

    /// <summary>Draws <paramref name="count"/> Lemma 5 instances with <see cref="SeededRandom.NextInclusive"/>.</summary>
    public static (long[][] Values, long[] Targets) LemmaFiveInstances(int k, int n, int count, long seed)
    {
        var random = new SeededRandom(seed);
        long one = 1L << k;
        var values = new long[count][];
        var targets = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = new long[n];
            for (int j = 0; j < n; j++)
            {
                long a = random.NextInclusive(1, one);
                long b = random.NextInclusive(-one, one);
                values[i][j] = b * a;
            }

            targets[i] = random.NextInclusive(-one * one, one * one);
        }

        return (values, targets);
    }

    /// <summary>CP-SAT, one worker, on the first <see cref="CpSatInstances"/> instances.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = CpSatInstances)]
    public int CpSat()
    {
        int solved = 0;
        for (int i = 0; i < CpSatInstances; i++)
        {
            long[] values = _values[i];
            var model = new CpModel();
            var chosen = new BoolVar[values.Length];
            for (int j = 0; j < values.Length; j++)
            {
                chosen[j] = model.NewBoolVar("x" + j);
            }

            model.Add(LinearExpr.WeightedSum(chosen, values) == _targets[i]);
            var solver = new CpSolver { StringParameters = $"num_workers:1, max_time_in_seconds:{CpSatSeconds}" };
            var status = solver.Solve(model);
            _cpSatStatuses[status] = _cpSatStatuses.TryGetValue(status, out int seen) ? seen + 1 : 1;
            solved += status is CpSolverStatus.Feasible or CpSolverStatus.Optimal ? 1 : 0;
        }

        return solved;
    }

    /// <summary>The solver on the same instances as CP-SAT (each solved <see cref="Instances"/>/<see cref="CpSatInstances"/> times).</summary>
    [Benchmark(OperationsPerInvoke = Instances)]
    public int SolverOnCpSatInstances()
    {
        int solved = 0;
        for (int i = 0; i < Instances; i++)
        {
            int at = i % CpSatInstances;
            solved += SubsetSumSolver.Solve(_values[at], _targets[at]).IsSolved ? 1 : 0;
        }

        return solved;
    }

    /// <summary>The solver, one thread, on all <see cref="Instances"/> instances.</summary>
    [Benchmark(OperationsPerInvoke = Instances)]
    public int SolverLoop()
    {
        int solved = 0;
        for (int i = 0; i < Instances; i++)
        {
            solved += SubsetSumSolver.Solve(_values[i], _targets[i]).IsSolved ? 1 : 0;
        }

        return solved;
    }

    /// <summary><see cref="SubsetSumSolver.SolveBatch"/> on all <see cref="Instances"/> instances, all cores.</summary>
    [Benchmark(OperationsPerInvoke = Instances)]
    public int SolverBatch() => SubsetSumSolver.SolveBatch(_batch!).Count(r => r.IsSolved);
}

/// <summary>
/// The solver on the δ-weights of Theorem 2: values uniform in [−2^k, 2^k], target uniform in
/// [−2^k, 2^k]; n per k is the smallest with ≥ 99% solvable.
/// </summary>
[Config(typeof(SolverJob))]
public class SolverDeltaWeightBenchmarks
{
    private static readonly Dictionary<int, int> SizeForBits = new() { [4] = 13, [8] = 16, [16] = 24 };

    private long[][] _values = Array.Empty<long[]>();
    private long[] _targets = Array.Empty<long>();

    /// <summary>The precision bits k.</summary>
    [Params(4, 8, 16)]
    public int K { get; set; }

    /// <summary>Draws the seeded instances and reports how many are solvable.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int n = SizeForBits[K];
        var random = new SeededRandom(30_000 + K);
        long one = 1L << K;
        _values = new long[SolverBenchmarks.Instances][];
        _targets = new long[SolverBenchmarks.Instances];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = Enumerable.Range(0, n).Select(_ => random.NextInclusive(-one, one)).ToArray();
            _targets[i] = random.NextInclusive(-one, one);
        }

        int solved = _values.Where((v, i) => SubsetSumSolver.Solve(v, _targets[i]).IsSolved).Count();
        Console.WriteLine($"// SolverSetup: delta weights k={K} n={n}: {solved}/{_values.Length} solvable ({100.0 * solved / _values.Length:F2}%)");
    }

    /// <summary>The solver, one thread.</summary>
    [Benchmark(OperationsPerInvoke = SolverBenchmarks.Instances)]
    public int SolverLoop()
    {
        int solved = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            solved += SubsetSumSolver.Solve(_values[i], _targets[i]).IsSolved ? 1 : 0;
        }

        return solved;
    }
}

/// <summary>
/// A short job: one launch, 3 warm-up and 5 measured iterations of at least 250 ms, so fast
/// methods run long enough for tiered JIT to reach optimised code and CP-SAT (seconds per
/// invocation at large k) keeps the whole run under ten minutes.
/// </summary>
public class SolverJob : ManualConfig
{
    /// <summary>Adds the job.</summary>
    public SolverJob() => AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(5)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("Short250ms"));
}
