using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SlthGen.CompileBenchmarks;

/// <summary>
/// MSBuild properties as the compiler hands them to generators: <c>build_property.NAME</c> global
/// options (what <c>CompilerVisibleProperty</c> produces), none per file.
/// </summary>
public sealed class BuildPropertiesOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;

    /// <summary>Creates the provider from MSBuild property names and values.</summary>
    /// <param name="properties">For example <c>("SlthGen_EmitTests", "false")</c>.</param>
    public BuildPropertiesOptionsProvider(params (string Property, string Value)[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        _global = new Options(properties.ToDictionary(p => "build_property." + p.Property, p => p.Value, StringComparer.Ordinal));
    }

    /// <inheritdoc/>
    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <inheritdoc/>
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

    /// <inheritdoc/>
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options None = new(new Dictionary<string, string>(StringComparer.Ordinal));

        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
