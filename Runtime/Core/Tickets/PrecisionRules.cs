using System.Collections.Generic;

namespace SlthGen;

/// <summary>Which precision rule a declaration breaks.</summary>
public enum PrecisionProblemKind
{
    /// <summary>A bit count is outside 1…<see cref="Precision.MaxBits"/> (TicketBits may also be 0, "automatic").</summary>
    BitsOutOfRange,

    /// <summary>δin is coarser than δ: g is drawn at δin and reduced to δ, so InitBits ≥ TicketBits.</summary>
    InitCoarserThanTicket,

    /// <summary>Theorem 1 needs δ² ≤ δt: TicketBits ≥ ⌈TargetBits / 2⌉.</summary>
    Theorem1Precision,

    /// <summary>Theorem 2 needs δ ≤ δt: TicketBits ≥ TargetBits.</summary>
    Theorem2Precision,
}

/// <summary>One broken precision rule, with the numbers a message needs.</summary>
/// <param name="Kind">The rule.</param>
/// <param name="Name">The bit count concerned (TargetBits, InitBits, TicketBits or ActivationBits).</param>
/// <param name="Value">Its value.</param>
/// <param name="Required">The bound it must meet: the least allowed TicketBits for the theorems, the largest allowed bit count for <see cref="PrecisionProblemKind.BitsOutOfRange"/>, TicketBits for <see cref="PrecisionProblemKind.InitCoarserThanTicket"/>.</param>
public readonly record struct PrecisionProblem(PrecisionProblemKind Kind, string Name, int Value, int Required);

/// <summary>
/// The precision rules of the paper's constructions (SPEC), in one place: the generator turns the
/// problems into located diagnostics, <see cref="TicketBuilder"/> into argument exceptions.
/// </summary>
public static class PrecisionRules
{
    /// <summary>TicketBits = 0 asks for δ to be chosen automatically; every other bit count is 1…<see cref="Precision.MaxBits"/>.</summary>
    public const int AutomaticTicketBits = 0;

    /// <summary>Every broken rule, in a fixed order (bit ranges first; the relations only when all bit counts are in range).</summary>
    public static IReadOnlyList<PrecisionProblem> Check(TicketConstruction construction, int targetBits, int initBits, int ticketBits, int activationBits)
    {
        var problems = new List<PrecisionProblem>();
        foreach (var (name, value) in new[] { ("TargetBits", targetBits), ("InitBits", initBits), ("TicketBits", ticketBits), ("ActivationBits", activationBits) })
        {
            bool automatic = name == "TicketBits" && value == AutomaticTicketBits;
            if (!automatic && (value < 1 || value > Precision.MaxBits))
            {
                problems.Add(new PrecisionProblem(PrecisionProblemKind.BitsOutOfRange, name, value, Precision.MaxBits));
            }
        }

        if (problems.Count > 0 || ticketBits == AutomaticTicketBits)
        {
            return problems;
        }

        if (initBits < ticketBits)
        {
            problems.Add(new PrecisionProblem(PrecisionProblemKind.InitCoarserThanTicket, "InitBits", initBits, ticketBits));
        }

        if (construction == TicketConstruction.Depth2L && 2 * ticketBits < targetBits)
        {
            problems.Add(new PrecisionProblem(PrecisionProblemKind.Theorem1Precision, "TicketBits", ticketBits, (targetBits + 1) / 2));
        }

        if (construction == TicketConstruction.DepthLPlus1 && ticketBits < targetBits)
        {
            problems.Add(new PrecisionProblem(PrecisionProblemKind.Theorem2Precision, "TicketBits", ticketBits, targetBits));
        }

        return problems;
    }
}
