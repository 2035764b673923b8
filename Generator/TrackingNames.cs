namespace SlthGen.Generator;

/// <summary>Names of the incremental steps, for caching tests.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string WeightsFiles = nameof(WeightsFiles);
    public const string Complete = nameof(Complete);
    public const string Spec = nameof(Spec);
    public const string Options = nameof(Options);
    public const string Features = nameof(Features);
    public const string Solve = nameof(Solve);
    public const string Emit = nameof(Emit);
    public const string TestTargets = nameof(TestTargets);
    public const string SolveFailures = nameof(SolveFailures);
}
