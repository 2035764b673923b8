using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SlthGen.Generator.Tests.Infrastructure;

/// <summary>
/// MSBuild options as the compiler hands them to generators: <c>build_property.NAME</c> global
/// options (what <c>CompilerVisibleProperty</c> produces), none per file.
/// </summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    public static readonly TestOptionsProvider Empty = new(ImmutableDictionary<string, string>.Empty);

    private readonly DictionaryOptions _global;

    public TestOptionsProvider(IReadOnlyDictionary<string, string> globalOptions)
    {
        _global = new DictionaryOptions(globalOptions);
    }

    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <summary>Options given as MSBuild property names (SlthGen_MaxWidth = "1").</summary>
    public static TestOptionsProvider FromProperties(params (string Property, string Value)[] properties)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (property, value) in properties)
        {
            options["build_property." + property] = value;
        }

        return new TestOptionsProvider(options);
    }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => DictionaryOptions.None;

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions None = new(ImmutableDictionary<string, string>.Empty);

        private readonly IReadOnlyDictionary<string, string> _options;

        public DictionaryOptions(IReadOnlyDictionary<string, string> options) => _options = options;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _options.TryGetValue(key, out value);
    }
}
