using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// A short job (one launch, 3 warm-up and 9 measured iterations of 250 ms each; a few minutes for
/// the 12 cases of each network) plus the <see cref="PerParameterColumn"/>. With the environment variable
/// <c>SLTHGEN_INFERENCE_DRY=1</c> the job is BenchmarkDotNet's Dry job instead, to check that every
/// case builds and runs without measuring (BenchmarkDotNet's <c>--job dry</c> would add a job, not replace this one).
/// </summary>
public class InferenceConfig : ManualConfig
{
    /// <summary>Adds the job and the column.</summary>
    public InferenceConfig()
    {
        AddJob(Environment.GetEnvironmentVariable("SLTHGEN_INFERENCE_DRY") == "1"
            ? Job.Dry
            : Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(9)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Short250ms"));
        AddColumn(new PerParameterColumn());

        // BenchmarkDotNet rebuilds the project, which compiles the 784-500-10 ticket's 23 MB of
        // generated source (about a minute and a half here): above its default 2-minute limit
        // on a loaded machine.
        WithBuildTimeout(TimeSpan.FromMinutes(10));
    }
}

/// <summary>
/// Mean time per sample divided by the parameters the method evaluates: the ticket's kept weights
/// for the Ticket* methods, the target's weights for ONNX Runtime and the reference.
/// </summary>
public sealed class PerParameterColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(PerParameterColumn);

    /// <inheritdoc/>
    public string ColumnName => "ns/weight";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Mean per sample / weights evaluated (Ticket*: kept weights; others: target weights)";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }

        var benchmarks = (InferenceBenchmarks)Activator.CreateInstance(benchmarkCase.Descriptor.Type)!;
        long weights = benchmarks.ParametersOf(benchmarkCase.Descriptor.WorkloadMethod.Name);
        return (statistics.Mean / weights).ToString("0.0000", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
