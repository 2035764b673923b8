using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using SlthGen.CompileTargets;
using Xunit;
using Xunit.Abstractions;

// Not SlthGen.LargeTicket.Tests: inside it, "LargeTicket" would name the namespace, not the class.
namespace SlthGen.LargeTicketTests;

/// <summary>
/// The 784-500-10 generated code runs and the ticket equals the reference on random inputs. The
/// first and steady-state call times it prints (run with
/// <c>--logger "console;verbosity=detailed"</c>) are BENCHMARKS.md's JIT note; they are not asserted.
/// </summary>
public sealed class GeneratedCodeRunsTests
{
    private const int RandomInputs = 500;
    private const int SteadyCalls = 200;

    private readonly ITestOutputHelper _output;

    public GeneratedCodeRunsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Evaluate_equals_EvaluateReference_on_random_inputs()
    {
        var input = new int[LargeTicket.InputCount];
        var reference = new int[LargeTicket.OutputCount];
        var ticket = new int[LargeTicket.OutputCount];
        var random = new Random(20261126);
        Fill(input, random);

        // The first calls include JIT compilation and the static tables' initialisation (unless
        // another test in this process called them first).
        double firstReference = Time(() => LargeTicket.EvaluateReference(input, reference));
        double firstEvaluate = Time(() => LargeTicket.Evaluate(input, ticket));
        Assert.Equal(reference, ticket);
        for (int s = 0; s < RandomInputs; s++)
        {
            Fill(input, random);
            LargeTicket.EvaluateReference(input, reference);
            LargeTicket.Evaluate(input, ticket);
            Assert.Equal(reference, ticket);
        }

        // After 500 calls tiered compilation has had time to promote both to optimised code.
        double steadyReference = Median(() => LargeTicket.EvaluateReference(input, reference));
        double steadyEvaluate = Median(() => LargeTicket.Evaluate(input, ticket));
        var info = LargeTicket.Ticket;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target {info.TargetParameters:N0} weights, ticket {info.KeptParameters:N0} kept weights"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first call: EvaluateReference {firstReference:F1} ms, Evaluate {firstEvaluate:F1} ms"));
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steady state (median of {SteadyCalls}): EvaluateReference {steadyReference:F3} ms, Evaluate {steadyEvaluate:F3} ms"));
    }

    private static void Fill(int[] input, Random random)
    {
        for (int j = 0; j < input.Length; j++)
        {
            input[j] = random.Next(LargeTicket.InputMin, LargeTicket.InputMax + 1);
        }
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(Action action)
    {
        var times = Enumerable.Range(0, SteadyCalls).Select(_ => Time(action)).Order().ToArray();
        return times[times.Length / 2];
    }
}
