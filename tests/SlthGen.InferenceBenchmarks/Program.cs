using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// Entry point. First the startup check for every network (ONNX Runtime ×2^m == EvaluateReference
/// == the interpreted target == every generated entry point; exit code 1 if not), then
/// BenchmarkDotNet, then the ratios against the goals. Run in Release:
/// <c>dotnet run -c Release --project tests/SlthGen.InferenceBenchmarks -- --filter '*'</c>;
/// <c>--check-only</c> runs only the check.
/// </summary>
public static class Program
{
    private const string CheckOnly = "--check-only";

    /// <summary>With --check-only: ONNX Runtime writes a profile of the integer model's check (which kernel ran each node).</summary>
    private const string Profile = "--profile";

    /// <summary>Samples the startup check runs on for networks without a test set.</summary>
    private const int CheckSamples = 256;

    /// <summary>Runs the checks, then the benchmarks selected by <paramref name="args"/>.</summary>
    public static int Main(string[] args)
    {
        Console.WriteLine("// ONNX Runtime " + ExactnessCheck.OrtVersion);
        var digits = DigitsTestSet.Load();
        foreach (var network in BenchmarkNetwork.All)
        {
            var (inputs, source) = network == BenchmarkNetwork.Digits
                ? (digits.Pixels, "all " + digits.Count + " images of " + digits.Path)
                : (BenchmarkNetwork.SeededInputs(CheckSamples, network.Target), CheckSamples + " seeded random inputs");
            var ticket = network.Ticket;
            Console.WriteLine(Invariant($"// {network.Name}: target {ticket.TargetParameters:N0} weights, ticket {ticket.KeptParameters:N0} kept weights"));
            using var onnx = new OnnxTarget(network.Target);
            string? failure = ExactnessCheck.Run(network, inputs, onnx);
            if (failure is not null)
            {
                Console.Error.WriteLine("Startup check FAILED: " + failure);
                return 1;
            }

            Console.WriteLine(Invariant($"// Startup check: ONNX Runtime (float32 model, {onnx.Model.Length:N0} bytes) ×2^m == EvaluateReference == interpreted target == Evaluate == EvaluateUnchecked == EvaluateBatch == EvaluateReferenceBatch on {source}"));
            using var integer = new OnnxIntegerTarget(network.Target, args.Contains(Profile) ? "ort-integer-" + network.Target.InputCount : null);
            failure = ExactnessCheck.RunInteger(network, inputs, integer);
            if (failure is not null)
            {
                Console.Error.WriteLine("Startup check FAILED: " + failure);
                return 1;
            }

            Console.WriteLine(Invariant($"// Startup check: ONNX Runtime (integer model: MatMulInteger u8×s8, int32 epilogue; {integer.Model.Length:N0} bytes) == EvaluateReference on {source}"));
            if (args.Contains(Profile))
            {
                Console.WriteLine("// ONNX Runtime profile of the integer model (kernel per node): " + integer.EndProfiling());
            }
        }

        Console.WriteLine(Invariant($"// Digits accuracy {ExactnessCheck.CorrectPredictions(digits)}/{digits.Count}"));
        if (args.Contains(CheckOnly))
        {
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        foreach (var summary in summaries)
        {
            Report(summary);
        }

        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    // The goals of the issue: reference ≥ 10× ONNX Runtime's throughput at batch 1 and ≥ 1× at batch 1024;
    // ticket ns/kept weight ≤ 1.5 × reference ns/target weight.
    private static void Report(Summary summary)
    {
        var means = new Dictionary<(string Method, int Batch), double>();
        InferenceBenchmarks? benchmarks = null;
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is null || report.BenchmarkCase.Parameters["Batch"] is not int batch)
            {
                continue;
            }

            benchmarks ??= (InferenceBenchmarks)Activator.CreateInstance(report.BenchmarkCase.Descriptor.Type)!;
            means[(report.BenchmarkCase.Descriptor.WorkloadMethod.Name, batch)] = report.ResultStatistics.Mean;
        }

        if (benchmarks is null)
        {
            return;
        }

        var ticket = benchmarks.Network.Ticket;
        Console.WriteLine();
        Console.WriteLine("// " + benchmarks.Network.Name + ": ratios against the goals (from the Mean column, ns per sample):");
        foreach (int batch in means.Keys.Select(k => k.Batch).Distinct().Order())
        {
            string referenceMethod = batch == 1 ? nameof(InferenceBenchmarks.Reference) : nameof(InferenceBenchmarks.ReferenceBatch);
            if (!means.TryGetValue((nameof(InferenceBenchmarks.OnnxRuntime), batch), out double onnx)
                || !means.TryGetValue((referenceMethod, batch), out double reference))
            {
                continue;
            }

            double goal = batch == 1 ? 10 : 1;
            double speedup = onnx / reference;
            Console.WriteLine(Invariant($"//   batch {batch}: ONNX Runtime {onnx:F1} ns, {referenceMethod} {reference:F1} ns: {speedup:F2}× ONNX Runtime's throughput (goal ≥ {goal}×: {(speedup >= goal ? "met" : "NOT met")}, {speedup / goal:F2}× the goal)"));
            if (means.TryGetValue((nameof(InferenceBenchmarks.OnnxRuntimeInteger), batch), out double integer))
            {
                double versusInteger = integer / reference;
                Console.WriteLine(Invariant($"//   batch {batch}: ONNX Runtime integer model {integer:F1} ns, {referenceMethod} {reference:F1} ns: {versusInteger:F2}× the integer model's throughput (goal ≥ 1×: {(versusInteger >= 1 ? "met" : "NOT met")})"));
            }

            double perTarget = reference / ticket.TargetParameters;
            foreach (string method in new[] { nameof(InferenceBenchmarks.TicketEvaluate), nameof(InferenceBenchmarks.TicketUnchecked), nameof(InferenceBenchmarks.TicketBatch) })
            {
                if (means.TryGetValue((method, batch), out double t))
                {
                    double perKept = t / ticket.KeptParameters;
                    double ratio = perKept / perTarget;
                    Console.WriteLine(Invariant($"//     {method}: {t:F1} ns = {perKept:F4} ns/kept weight vs {referenceMethod} {perTarget:F4} ns/target weight: {ratio:F2}× (goal ≤ 1.5×: {(ratio <= 1.5 ? "met" : "NOT met")})"));
                }
            }

            // Every method against both ONNX Runtime models (throughput = 1 / time per sample).
            foreach (var ((method, b), mean) in means.Where(e => e.Key.Batch == batch).OrderBy(e => e.Key.Method, StringComparer.Ordinal))
            {
                string versus = Invariant($"{onnx / mean:F2}× ONNX Runtime's throughput (float32 model)");
                if (integer > 0)
                {
                    versus += Invariant($", {integer / mean:F2}× ONNX Runtime's throughput (integer model)");
                }

                Console.WriteLine(Invariant($"//     {method}: {mean:F1} ns per sample at batch {b}: {versus}"));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
