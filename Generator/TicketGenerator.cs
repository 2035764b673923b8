using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SlthGen.Generator.Diagnostics;
using SlthGen.Generator.Emitting;
using SlthGen.Generator.Model;
using SlthGen.Generator.Parsing;
using SlthGen.Generator.Solving;

namespace SlthGen.Generator;

/// <summary>
/// The pipeline: parse each [TicketNetwork] class into an equatable spec, solve it into a ticket
/// (per class, before anything is collected, so an unchanged network is never re-solved), emit
/// the partial class and — when the compilation references xunit — its tests. Diagnostics travel
/// as values on their own outputs, so moving a declaration re-reports without re-solving.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TicketGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.TicketNetworkAttribute,
                static (node, _) => node is ClassDeclarationSyntax || (node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword)),
                static (ctx, ct) => NetworkParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => OptionsParser.Parse(provider))
            .WithTrackingName(TrackingNames.Options);

        // [WeightsFile] networks are completed with the layers read from AdditionalFiles (sizes
        // checked against the limits before a file is read).
        var weightFiles = context.AdditionalTextsProvider
            .Where(static text => WeightsFileParser.IsWeightsFile(text))
            .Combine(options.Select(static (o, _) => o.Limits))
            .Select(static (pair, ct) => WeightsFileParser.Load(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.WeightsFiles)
            .Collect();
        parsed = parsed
            .Combine(weightFiles)
            .Select(static (pair, _) => NetworkParser.Complete(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Complete);

        var features = context.CompilationProvider
            .Select(static (compilation, _) => new CompilationFeatures(
                compilation.GetTypeByMetadataName("Xunit.FactAttribute") is not null,
                compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector512`1") is not null,
                compilation is CSharpCompilation csharp ? (int)csharp.LanguageVersion : LanguageVersions.Latest))
            .WithTrackingName(TrackingNames.Features);

        // Diagnostics are carried as plain values (no syntax tree is rooted in the pipeline) and
        // turned into real source locations when reported, from the compilation's trees.
        var trees = context.CompilationProvider.Select(static (compilation, _) => new SourceTrees(compilation));

        var specs = parsed
            .Where(static p => p.Spec is not null)
            .Select(static (p, _) => p.Spec!)
            .WithTrackingName(TrackingNames.Spec);

        var solved = specs
            .Combine(options)
            .Select(static (pair, ct) => TicketSolver.Solve(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Solve);

        // Names equal but for case need a hash in their hint names; usually none, so this value
        // stays equal and adding a network re-emits nothing else.
        var ambiguousNames = specs
            .Select(static (s, _) => s.Type)
            .Collect()
            .Select(static (types, _) => HintNames.Ambiguous(types));

        // Two networks named alike in one namespace (nested in different types) would get the
        // same <Name>TicketTests class: SLTH027 at each, and neither gets tests.
        var sharedTestClasses = specs
            .Select(static (s, _) => (s.Type.Namespace, s.Type.Name, s.Type.FullName))
            .Collect()
            .Select(static (types, _) => new EquatableArray<string>(types
                .GroupBy(t => t.Namespace + "." + t.Name, StringComparer.Ordinal)
                .Where(g => g.Select(t => t.FullName).Distinct(StringComparer.Ordinal).Count() > 1)
                .SelectMany(g => g.Select(t => t.FullName))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray()));

        var emitted = solved
            .Where(static s => s.Plan is not null)
            .Combine(options.Combine(features).Combine(ambiguousNames.Combine(sharedTestClasses)))
            .Select(static (pair, ct) => Emit(pair.Left, pair.Right.Left.Left, pair.Right.Left.Right, pair.Right.Right.Left, pair.Right.Right.Right.Contains(pair.Left.Spec.Type.FullName), ct))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(emitted, static (spc, files) =>
        {
            foreach (var file in files)
            {
                spc.AddSource(file.HintName, file.Source);
            }
        });

        context.RegisterSourceOutput(parsed.Select(static (p, _) => p.Diagnostics).Combine(trees), static (spc, pair) => Report(spc, pair.Left, pair.Right));
        context.RegisterSourceOutput(options.Select(static (o, _) => o.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics, null));

        // SLTH028 (C# too old for the generated code) and SLTH027 for a taken test class name
        // depend on the compilation and the options, not on the declaration alone.
        var compatibility = parsed
            .Where(static p => p.Spec is not null)
            .Select(static (p, _) => (p.Key, p.Spec!.Type.Name, p.NetworkAttribute, p.Spec.TestClassTaken))
            .Combine(options.Combine(features).Combine(sharedTestClasses))
            .Select(static (pair, _) => Compatibility(pair.Left.Key, pair.Left.Name, pair.Left.NetworkAttribute, pair.Left.TestClassTaken, pair.Right.Right.Contains(pair.Left.Key), pair.Right.Left.Left, pair.Right.Left.Right));
        context.RegisterSourceOutput(compatibility.Combine(trees), static (spc, pair) => Report(spc, pair.Left, pair.Right));

        var failures = solved
            .Where(static s => s.Failure is not null)
            .Select(static (s, _) => (Key: s.Spec.Type.FullName, Failure: s.Failure!))
            .WithTrackingName(TrackingNames.SolveFailures)
            .Collect();
        var locations = parsed.Select(static (p, _) => (p.Key, p.NetworkAttribute, p.PrecisionAttribute)).Collect();
        context.RegisterSourceOutput(failures.Combine(locations).Combine(trees), static (spc, pair) => ReportFailures(spc, pair.Left.Left, pair.Left.Right, pair.Right));

        var testTargets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.TicketTestsAttribute,
                static (node, _) => node is CompilationUnitSyntax,
                static (ctx, ct) => TestTargetParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.TestTargets);
        context.RegisterSourceOutput(testTargets.Select(static (t, _) => t.Diagnostics).Combine(trees), static (spc, pair) => Report(spc, pair.Left, pair.Right));

        // Collected (small values) so a network named by several attributes or files is emitted once.
        var testNetworks = testTargets.Select(static (t, _) => t.Networks).Collect();
        context.RegisterSourceOutput(testNetworks.Combine(options.Combine(features)), static (spc, pair) => EmitTestTargets(spc, pair.Left, pair.Right.Left, pair.Right.Right));
    }

    private static EquatableArray<GeneratedFile> Emit(SolveResult solved, GeneratorOptions options, CompilationFeatures features, EquatableArray<string> ambiguous, bool testClassShared, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (features.LanguageVersion < LanguageVersions.For(features.HasVectors) * 100)
        {
            return EquatableArray<GeneratedFile>.Empty; // SLTH028 says which LangVersion to set.
        }

        var type = solved.Spec.Type;
        var files = ImmutableArray.CreateBuilder<GeneratedFile>();
        var names = ambiguous.ToArray();
        files.Add(new GeneratedFile(HintNames.For(type, string.Empty, names), NetworkEmitter.Emit(solved.Spec, solved.Plan!, options, features)));
        if (features.HasXunit && options.EmitTests && !solved.Spec.TestClassTaken && !testClassShared)
        {
            files.Add(new GeneratedFile(HintNames.For(type, ".Tests", names), TestEmitter.Emit(type.FullName, type.Name, type.Namespace)));
        }

        return new EquatableArray<GeneratedFile>(files.ToArray());
    }

    private static EquatableArray<DiagnosticInfo> Compatibility(string key, string name, LocationInfo? network, bool testClassTaken, bool testClassShared, GeneratorOptions options, CompilationFeatures features)
    {
        var diagnostics = new List<DiagnosticInfo>();
        int required = LanguageVersions.For(features.HasVectors);
        if (features.LanguageVersion < required * 100)
        {
            string actual = (features.LanguageVersion / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + (features.LanguageVersion % 100 != 0 ? "." + (features.LanguageVersion % 100).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooOld, network, key, required, actual));
        }

        if (testClassTaken && features.HasXunit && options.EmitTests)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, network, $"The project already has a type '{name}{GeneratedNames.TestClassSuffix}'", $"a test class of that name for '{name}' (or set <SlthGen_EmitTests>false</SlthGen_EmitTests>)"));
        }

        if (testClassShared && !testClassTaken && features.HasXunit && options.EmitTests)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, network, $"Another ticket network in this namespace is also named '{name}'", $"one test class '{name}{GeneratedNames.TestClassSuffix}' per network in the namespace (or set <SlthGen_EmitTests>false</SlthGen_EmitTests>)"));
        }

        return new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics, SourceTrees? trees)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic(trees));
        }
    }

    private static void ReportFailures(SourceProductionContext context, ImmutableArray<(string Key, SolveFailure Failure)> failures, ImmutableArray<(string Key, LocationInfo? Network, LocationInfo? Precision)> locations, SourceTrees trees)
    {
        foreach (var (key, failure) in failures)
        {
            LocationInfo? network = null, precision = null;
            foreach (var location in locations)
            {
                if (location.Key == key)
                {
                    network = location.Network;
                    precision = location.Precision;
                }
            }

            var info = failure.Problem switch
            {
                SolveProblem.Ticket => failure.TicketKind switch
                {
                    TicketFailureKind.GivenWidthTooSmall => DiagnosticInfo.Create(DiagnosticDescriptors.WidthTooSmall, network, failure.Message),
                    TicketFailureKind.NoWidthFound => DiagnosticInfo.Create(DiagnosticDescriptors.NoTicket, network, failure.Message),
                    TicketFailureKind.GivenWidthAboveCap => DiagnosticInfo.Create(DiagnosticDescriptors.WidthAboveCap, network, failure.Message),
                    _ => DiagnosticInfo.Create(DiagnosticDescriptors.Overflow, precision, failure.Message),
                },
                SolveProblem.OutputRange => DiagnosticInfo.Create(DiagnosticDescriptors.Overflow, precision, failure.Message),
                SolveProblem.Limit when failure.Limit is { } limit => limit.ToDiagnostic(network),
                SolveProblem.WorkBudget => DiagnosticInfo.Create(DiagnosticDescriptors.WorkBudgetExceeded, network, key, failure.Message, Limits.SolveWorkBudgetProperty, "a command-line build never cancels, so this budget is what bounds it"),
                _ => DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, network, key, failure.Message),
            };
            context.ReportDiagnostic(info.ToDiagnostic(trees));
        }
    }

    private static void EmitTestTargets(SourceProductionContext context, ImmutableArray<EquatableArray<TypeShape>> targets, GeneratorOptions options, CompilationFeatures features)
    {
        if (!features.HasXunit || !options.EmitTests)
        {
            return;
        }

        var emitted = new HashSet<string>(StringComparer.Ordinal);
        var ambiguous = HintNames.Ambiguous(targets.SelectMany(static t => t)).ToArray();
        foreach (var networks in targets)
        {
            foreach (var network in networks)
            {
                string hintName = HintNames.For(network, ".ReferencedTests", ambiguous);
                if (emitted.Add(hintName))
                {
                    context.AddSource(hintName, TestEmitter.Emit(network.FullName, network.Name, network.Namespace));
                }
            }
        }
    }
}

/// <summary>One generated source file.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
