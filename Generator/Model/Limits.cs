namespace SlthGen.Generator.Model;

/// <summary>
/// The size limits checked before anything is allocated or solved, and the total work budget of
/// one network's solve. Each is an MSBuild property (Generator/build/SlthGen.props); a network
/// over a limit gets SLTH025 (SLTH026 for the work budget) naming the property that raises it.
/// The defaults fit a 2-core, 24 GB build machine and accept every network in this repository
/// (the largest, tests/SlthGen.LargeTicket: 397,000 target weights, g 32 M parameters, 951,226
/// kept weights).
/// </summary>
/// <param name="MaxFileBytes">SlthGen_MaxWeightsFileBytes: a weights file's size, and the uncompressed size of a .npz's arrays.</param>
/// <param name="MaxTargetParameters">SlthGen_MaxTargetParameters: the target's weights and biases.</param>
/// <param name="MaxGParameters">SlthGen_MaxGParameters: g's parameters (estimated before the solve, exact after it).</param>
/// <param name="MaxKeptWeights">SlthGen_MaxKeptWeights: the ticket's kept weights, which set the generated code's size (at least one per non-zero target weight before the solve, exact after it).</param>
/// <param name="SolveWorkBudget">SlthGen_SolveWorkBudget: the subset-sum work of one network's whole solve, summed over every instance and every width tried.</param>
internal sealed record Limits(long MaxFileBytes, long MaxTargetParameters, long MaxGParameters, long MaxKeptWeights, long SolveWorkBudget)
{
    public const string MaxFileBytesProperty = "SlthGen_MaxWeightsFileBytes";
    public const string MaxTargetParametersProperty = "SlthGen_MaxTargetParameters";
    public const string MaxGParametersProperty = "SlthGen_MaxGParameters";
    public const string MaxKeptWeightsProperty = "SlthGen_MaxKeptWeights";
    public const string SolveWorkBudgetProperty = "SlthGen_SolveWorkBudget";

    /// <summary>64 MiB: a 4-million-weight int32 file is 16 MiB.</summary>
    public const long DefaultMaxFileBytes = 64L << 20;

    /// <summary>2^22 target parameters (the largest network here has 397,000).</summary>
    public const long DefaultMaxTargetParameters = 1L << 22;

    /// <summary>2^31 parameters of g (g is never stored: this bounds the solver's search space).</summary>
    public const long DefaultMaxGParameters = 1L << 31;

    /// <summary>2^22 kept weights: about 11 MB of generated source (784-500-10's 951,226 kept weights emit 2.5 MB) and a compile of a few seconds.</summary>
    public const long DefaultMaxKeptWeights = 1L << 22;

    /// <summary>2^36 units of solver work, a few minutes of one core (2^28 is about a second).</summary>
    public const long DefaultSolveWorkBudget = 1L << 36;

    /// <summary>A JSON weights file needs 4 levels ({"layers": [{"weights": [[…]]}]}); anything deeper than this is refused before it is read further.</summary>
    public const int MaxJsonDepth = 64;

    public static Limits Default { get; } = new(DefaultMaxFileBytes, DefaultMaxTargetParameters, DefaultMaxGParameters, DefaultMaxKeptWeights, DefaultSolveWorkBudget);
}
