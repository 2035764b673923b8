using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace SlthGen.Generator.Model;

/// <summary>
/// The names SlthGen adds to a network class, in one place: the user's declaration must not
/// use them (SLTH027), and C# keywords in the names SlthGen writes are escaped with '@'.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The public API (README, "What is generated") and the nested implementation type.</summary>
    public static readonly IReadOnlyList<string> Members = new[]
    {
        "InputCount",
        "OutputCount",
        "InputMin",
        "InputMax",
        "Evaluate",
        "EvaluateUnchecked",
        "EvaluateReference",
        "EvaluateBatch",
        "EvaluateReferenceBatch",
        "Ticket",
        "TargetNetwork",
        "InterpretedTicket",
        "Verify",
        "VerifyTicket",
        "VerifyBatch",
        "VerifyKeptWeights",
        ImplementationType,
    };

    /// <summary>The nested type that holds the generated implementation.</summary>
    public const string ImplementationType = "SlthGenImplementation";

    /// <summary>The generated xunit class is <c>&lt;Name&gt;TicketTests</c>, in the network's namespace.</summary>
    public const string TestClassSuffix = "TicketTests";

    public static bool IsMember(string name)
    {
        foreach (string member in Members)
        {
            if (member == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An identifier as C# source: '@' before a keyword or contextual keyword (<c>@event</c>, <c>@record</c>; '@' is always legal).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A dotted namespace as C# source, each part escaped.</summary>
    public static string Namespace(string dotted) => dotted.Length == 0 ? dotted : string.Join(".", System.Array.ConvertAll(dotted.Split('.'), Identifier));
}
