namespace SlthGen.Generator.Model;

/// <summary>One pruned layer of g, as the solver produced it (CSR in g's coordinates).</summary>
/// <param name="Int16Sums">Every partial sum of the layer, its inputs and its weights fit in int16 (its inputs only when it is the first layer; later layers read the previous layer's outputs, which its own sums bound), so 16-bit lanes can run it.</param>
/// <param name="Int16OutputBound">For an <paramref name="Int16Sums"/> layer, the largest |output| the overflow proof allows (at most 32,767): the next layer, if it runs on 32-bit lanes, sums up to 32,767 / bound of these values in 16 bits before widening them.</param>
internal sealed record PlanLayer(
    int GLayer,
    int Rows,
    int Columns,
    bool Relu,
    int Shift,
    EquatableArray<int> RowStart,
    EquatableArray<int> ColumnIndices,
    EquatableArray<int> Weights,
    bool LongAccumulator,
    bool LongOutput,
    bool Int16Sums = false,
    int Int16OutputBound = 0);

/// <summary>The solved ticket for one network: layers, report numbers, arithmetic widths.</summary>
/// <param name="ReferenceNeedsLong">Some partial sum of the target may leave int32.</param>
/// <param name="ReferenceFitsInt16">The target's weights, inputs and activations fit in int16 and its sums in int32, so the reference runs on <c>PackedTargetNetwork</c>.</param>
internal sealed record TicketPlan(
    EquatableArray<PlanLayer> Layers,
    bool ConstantChannel,
    EquatableArray<int> HiddenPerInput,
    EquatableArray<int> Copies,
    long GParameters,
    long KeptParameters,
    long InstancesSolved,
    bool ReferenceNeedsLong,
    bool ReferenceFitsInt16)
{
    /// <summary>TicketInfo.GSupportParameters: g's parameters on the construction's support.</summary>
    public long GSupportParameters { get; init; }

    /// <summary>TicketInfo.Blocks: 0 adaptive, 1 fixed.</summary>
    public int Blocks { get; init; }

    /// <summary>TicketInfo.AutomaticPrecision: δ was chosen by the builder (TicketBits = 0).</summary>
    public bool AutomaticPrecision { get; init; }

    /// <summary>TicketInfo.HiddenWidth per target layer (0 without a block layer).</summary>
    public EquatableArray<int> HiddenWidths { get; init; }

    /// <summary>TicketInfo.BlockWidths per target layer (n_j per input; empty without a block layer).</summary>
    public EquatableArray<EquatableArray<int>> BlockWidths { get; init; }

    /// <summary>TicketInfo.NegativeBlockWidths per target layer (N_j per input; empty for fixed blocks).</summary>
    public EquatableArray<EquatableArray<int>> NegativeBlockWidths { get; init; }
}

/// <summary>What kind of problem stopped the solve step.</summary>
internal enum SolveProblem
{
    /// <summary>The construction failed: <see cref="SolveFailure.TicketKind"/> says how (SLTH016/017/018/024).</summary>
    Ticket,

    /// <summary>A size limit (an MSBuild property) is exceeded (SLTH025).</summary>
    Limit,

    /// <summary>The total work budget of the network's solve ran out (SLTH026).</summary>
    WorkBudget,

    /// <summary>The outputs leave the generated API's 32-bit integers (SLTH018).</summary>
    OutputRange,

    /// <summary>A bug (SLTH099).</summary>
    Internal,
}

/// <summary>Why the solver produced no ticket (located later from the parse result).</summary>
/// <param name="Problem">What stopped it.</param>
/// <param name="TicketKind">For <see cref="SolveProblem.Ticket"/>: the Core's failure kind.</param>
/// <param name="Message">A sentence for the user (for <see cref="SolveProblem.WorkBudget"/>: the budget).</param>
/// <param name="Limit">For <see cref="SolveProblem.Limit"/>: which limit.</param>
internal sealed record SolveFailure(SolveProblem Problem, TicketFailureKind TicketKind, string Message, LimitProblem? Limit = null);

/// <summary>The solve step's output: the spec with its plan, or a failure.</summary>
internal sealed record SolveResult(NetworkSpec Spec, TicketPlan? Plan, SolveFailure? Failure);
