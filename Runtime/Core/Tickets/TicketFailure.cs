namespace SlthGen;

/// <summary>Why no ticket was built.</summary>
public enum TicketFailureKind
{
    /// <summary>At the width the user gave, some instance has no solution (or ran out of budget).</summary>
    GivenWidthTooSmall,

    /// <summary>No width up to the cap solves every instance of a layer.</summary>
    NoWidthFound,

    /// <summary>64-bit integers cannot hold the ticket's arithmetic for the declared input range.</summary>
    Overflow,

    /// <summary>A given width (hidden neurons per input, or copies) is above <see cref="TicketSettings.MaxWidth"/>.</summary>
    GivenWidthAboveCap,
}

/// <summary>A construction that did not produce an exact ticket, and what to change.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Instance">The first instance (lowest index) that failed, when one did.</param>
/// <param name="Status">How that instance ended (no solution, or budget exceeded).</param>
/// <param name="Width">The width tried (the given one, or the cap).</param>
/// <param name="AutomaticWidth">For a given width: what the automatic search picks (null if none up to the cap).</param>
/// <param name="Message">A sentence for the user.</param>
public sealed record TicketFailure(TicketFailureKind Kind, InstanceName? Instance, SubsetSumStatus Status, int Width, int? AutomaticWidth, string Message);

/// <summary>The result of <see cref="TicketBuilder.Build"/>: a ticket or a failure.</summary>
public sealed class TicketBuildResult
{
    internal TicketBuildResult(Ticket? ticket, TicketFailure? failure)
    {
        Ticket = ticket;
        Failure = failure;
    }

    /// <summary>The ticket, when built.</summary>
    public Ticket? Ticket { get; }

    /// <summary>Why not, otherwise.</summary>
    public TicketFailure? Failure { get; }

    /// <summary>Whether a ticket was built.</summary>
    public bool Succeeded => Ticket is not null;
}
