using BenchmarkDotNet.Running;

namespace SlthGen.Benchmarks;

/// <summary>
/// Entry point: every benchmark class of this assembly is offered through BenchmarkSwitcher,
/// so new classes need no registration. Run in Release, e.g.
/// <c>dotnet run -c Release --project tests/SlthGen.Benchmarks -- --filter '*Solver*'</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
