using System;
using System.Globalization;

namespace SlthGen.Generator.Model;

/// <summary>A size over a limit (SLTH025): what, how much, the limit and the MSBuild property that raises it.</summary>
/// <param name="What">What was counted, e.g. "the target's parameters".</param>
/// <param name="Value">How many.</param>
/// <param name="Limit">The limit.</param>
/// <param name="Property">The MSBuild property that sets the limit.</param>
/// <param name="Hint">What else to change.</param>
internal sealed record LimitProblem(string What, long Value, long Limit, string Property, string Hint)
{
    public DiagnosticInfo ToDiagnostic(LocationInfo? location) =>
        DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.LimitExceeded, location, What, N(Value), N(Limit), Property, Hint);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>Thrown by the weights readers when a size read from the file is over a limit, before anything that size is allocated.</summary>
internal sealed class LimitExceededException : Exception
{
    public LimitExceededException(LimitProblem problem)
        : base(problem.What + " over " + problem.Property) => Problem = problem;

    public LimitProblem Problem { get; }
}
