using System.Linq;
using BenchmarkDotNet.Running;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet, e.g.
/// <c>dotnet run -c Release --project tests/SlthGen.CompileBenchmarks -- --filter '*Digits*'</c>.
/// Whole-build wall times are measured by measure-builds.sh beside this file.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/>; exit code 1 if any failed.</summary>
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args).ToList();
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
