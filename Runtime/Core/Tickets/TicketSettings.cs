using System;

namespace SlthGen;

/// <summary>How to draw g and size it: the seed, the construction, δin and δ, and the widths.</summary>
public sealed class TicketSettings
{
    /// <summary>The default cap of the automatic width search.</summary>
    public const int DefaultMaxWidth = 256;

    private readonly int _hiddenPerInput;
    private readonly int _copies;
    private readonly int _maxWidth = DefaultMaxWidth;
    private readonly int _maxDegreeOfParallelism = -1;
    private readonly SubsetSumOptions _solver = SubsetSumOptions.Default;
    private readonly BlockLayout _blocks = BlockLayout.Adaptive;

    /// <summary>Creates settings.</summary>
    /// <param name="seed">The seed of g.</param>
    /// <param name="construction">Theorem 1 or Theorem 2.</param>
    /// <param name="initial">δin: g's weights are drawn uniformly from S_δin (Theorem 2: without 0).</param>
    /// <param name="reduced">δ: g's weights are reduced to this precision by flooring; δin ≤ δ.</param>
    /// <exception cref="ArgumentOutOfRangeException">A precision is default, or δ is finer than δin.</exception>
    public TicketSettings(long seed, TicketConstruction construction, Precision initial, Precision reduced)
    {
        if (initial.Bits == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "default(Precision) is not a precision.");
        }

        if (reduced.Bits == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(reduced), "default(Precision) is not a precision.");
        }

        if (reduced.Bits > initial.Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(reduced), reduced, $"δ = {reduced} is finer than δin = {initial}; reducing precision needs δin ≤ δ.");
        }

        if (construction is not TicketConstruction.Depth2L and not TicketConstruction.DepthLPlus1)
        {
            throw new ArgumentOutOfRangeException(nameof(construction), construction, "Unknown construction.");
        }

        Seed = seed;
        Construction = construction;
        Initial = initial;
        Reduced = reduced;
    }

    /// <summary>
    /// Creates settings whose δ is chosen by <see cref="TicketBuilder"/> (the generator's
    /// <c>TicketBits = 0</c>): among the δ with δin ≤ δ allowed by the construction (δ² ≤ δt for
    /// Theorem 1, δ ≤ δt for Theorem 2), the one whose g has the fewest parameters
    /// (<see cref="TicketBuilder.ChooseReduced"/>). The ticket's <see cref="Ticket.Settings"/> name the chosen δ.
    /// </summary>
    /// <param name="seed">The seed of g.</param>
    /// <param name="construction">Theorem 1 or Theorem 2.</param>
    /// <param name="initial">δin: g's weights are drawn uniformly from S_δin (Theorem 2: without 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">δin is default, or the construction is unknown.</exception>
    public TicketSettings(long seed, TicketConstruction construction, Precision initial)
    {
        if (initial.Bits == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "default(Precision) is not a precision.");
        }

        if (construction is not TicketConstruction.Depth2L and not TicketConstruction.DepthLPlus1)
        {
            throw new ArgumentOutOfRangeException(nameof(construction), construction, "Unknown construction.");
        }

        Seed = seed;
        Construction = construction;
        Initial = initial;
        Reduced = default;
        ReducedIsAutomatic = true;
    }

    /// <summary>The seed of g.</summary>
    public long Seed { get; }

    /// <summary>Theorem 1 or Theorem 2.</summary>
    public TicketConstruction Construction { get; }

    /// <summary>δin.</summary>
    public Precision Initial { get; }

    /// <summary>δ; default (0 bits) while <see cref="ReducedIsAutomatic"/> (a built ticket's settings always name it).</summary>
    public Precision Reduced { get; }

    /// <summary>Whether δ is left to the builder (created without δ; the generator's <c>TicketBits = 0</c>).</summary>
    public bool ReducedIsAutomatic { get; }

    /// <summary>How block layers share their neurons among inputs: adaptive n_j per input (default) or fixed equal blocks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined layout.</exception>
    public BlockLayout Blocks
    {
        get => _blocks;
        init => _blocks = value is BlockLayout.Adaptive or BlockLayout.Fixed ? value : throw new ArgumentOutOfRangeException(nameof(Blocks), value, "Unknown block layout.");
    }

    /// <summary>n, hidden neurons per input block in every odd layer; 0 = automatic (smallest that works, per layer).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int HiddenPerInput
    {
        get => _hiddenPerInput;
        init => _hiddenPerInput = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(HiddenPerInput), value, "Use 0 for automatic or a positive width.");
    }

    /// <summary>c, copies of every hidden target neuron (Theorem 2); 0 = automatic (per layer).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int Copies
    {
        get => _copies;
        init => _copies = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Copies), value, "Use 0 for automatic or a positive count.");
    }

    /// <summary>The largest width the automatic search tries before giving up.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 1.</exception>
    public int MaxWidth
    {
        get => _maxWidth;
        init => _maxWidth = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxWidth), value, "The width cap must be at least 1.");
    }

    /// <summary>Threads used to solve a layer's instances; -1 = all cores. Groups of fewer than 4,096 instances solved together (one side of an adaptive block has one per output) run on one thread, where sharing them out cost more than it saved. Results never depend on it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">0 or below -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = value == -1 || value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "Use -1 (all cores) or a positive thread count.");
    }

    /// <summary>Per-instance solver limits.</summary>
    public SubsetSumOptions Solver
    {
        get => _solver;
        init => _solver = value ?? throw new ArgumentNullException(nameof(Solver));
    }

    /// <summary>The same settings with δ fixed to <paramref name="reduced"/>.</summary>
    internal TicketSettings WithReduced(Precision reduced) =>
        new(Seed, Construction, Initial, reduced)
        {
            HiddenPerInput = HiddenPerInput,
            Copies = Copies,
            MaxWidth = MaxWidth,
            MaxDegreeOfParallelism = MaxDegreeOfParallelism,
            Solver = Solver,
            Blocks = Blocks,
        };
}
