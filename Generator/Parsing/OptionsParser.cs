using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;
using SlthGen.Generator.Diagnostics;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Parsing;

/// <summary>Reads the MSBuild options (declared as CompilerVisibleProperty by the package's build props).</summary>
internal static class OptionsParser
{
    public const string EmitTests = "SlthGen_EmitTests";
    public const string TableThreshold = "SlthGen_TableThreshold";
    public const string SolverBudget = "SlthGen_SolverBudget";
    public const string MaxWidth = "SlthGen_MaxWidth";

    public static GeneratorOptions Parse(AnalyzerConfigOptionsProvider provider)
    {
        var options = provider.GlobalOptions;
        var diagnostics = new List<DiagnosticInfo>();
        bool emitTests = true;
        if (Get(options, EmitTests) is { } e)
        {
            if (!bool.TryParse(e, out emitTests))
            {
                emitTests = true;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, null, EmitTests, e, "use true or false"));
            }
        }

        int threshold = GeneratorOptions.DefaultTableThreshold;
        if (Get(options, TableThreshold) is { } t && (!int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out threshold) || threshold < 0))
        {
            threshold = GeneratorOptions.DefaultTableThreshold;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, null, TableThreshold, t, "use a non-negative integer (kept weights per layer above which a layer is emitted as data tables)"));
        }

        long budget = GeneratorOptions.DefaultSolverBudget;
        if (Get(options, SolverBudget) is { } b && (!long.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out budget) || budget < 1))
        {
            budget = GeneratorOptions.DefaultSolverBudget;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, null, SolverBudget, b, "use a positive integer (solver work per subset-sum instance)"));
        }

        int maxWidth = GeneratorOptions.DefaultMaxWidth;
        if (Get(options, MaxWidth) is { } w && (!int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxWidth) || maxWidth < 1 || maxWidth > 4096))
        {
            maxWidth = GeneratorOptions.DefaultMaxWidth;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, null, MaxWidth, w, "use an integer between 1 and 4096"));
        }

        var limits = new Limits(
            Limit(options, Limits.MaxFileBytesProperty, Limits.DefaultMaxFileBytes, "bytes a weights file (and a .npz's uncompressed arrays) may hold", diagnostics),
            Limit(options, Limits.MaxTargetParametersProperty, Limits.DefaultMaxTargetParameters, "target weights and biases a network may declare", diagnostics),
            Limit(options, Limits.MaxGParametersProperty, Limits.DefaultMaxGParameters, "parameters g may have", diagnostics),
            Limit(options, Limits.MaxKeptWeightsProperty, Limits.DefaultMaxKeptWeights, "kept weights a ticket may have", diagnostics),
            Limit(options, Limits.SolveWorkBudgetProperty, Limits.DefaultSolveWorkBudget, "subset-sum work one network's solve may spend in total", diagnostics));
        return new GeneratorOptions(emitTests, threshold, budget, maxWidth, limits, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    private static long Limit(AnalyzerConfigOptions options, string property, long fallback, string what, List<DiagnosticInfo> diagnostics)
    {
        if (Get(options, property) is not { } text)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= 1)
        {
            return value;
        }

        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, null, property, text, "use a positive integer (the most " + what + ")"));
        return fallback;
    }

    private static string? Get(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
