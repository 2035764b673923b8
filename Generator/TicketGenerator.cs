using System;
using System.Collections.Generic;
using System.Collections.Immutable;
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

        // [WeightsFile] networks are completed with the layers read from AdditionalFiles.
        var weightFiles = context.AdditionalTextsProvider
            .Where(static text => WeightsFileParser.IsWeightsFile(text))
            .Select(static (text, ct) => WeightsFileParser.Load(text, ct))
            .WithTrackingName(TrackingNames.WeightsFiles)
            .Collect();
        parsed = parsed
            .Combine(weightFiles)
            .Select(static (pair, _) => NetworkParser.Complete(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Complete);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => OptionsParser.Parse(provider))
            .WithTrackingName(TrackingNames.Options);

        var features = context.CompilationProvider
            .Select(static (compilation, _) => new CompilationFeatures(
                compilation.GetTypeByMetadataName("Xunit.FactAttribute") is not null,
                compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector512`1") is not null))
            .WithTrackingName(TrackingNames.Features);

        var specs = parsed
            .Where(static p => p.Spec is not null)
            .Select(static (p, _) => p.Spec!)
            .WithTrackingName(TrackingNames.Spec);

        var solved = specs
            .Combine(options)
            .Select(static (pair, ct) => TicketSolver.Solve(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.Solve);

        var emitted = solved
            .Where(static s => s.Plan is not null)
            .Combine(options.Combine(features))
            .Select(static (pair, ct) => Emit(pair.Left, pair.Right.Left, pair.Right.Right, ct))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(emitted, static (spc, files) =>
        {
            foreach (var file in files)
            {
                spc.AddSource(file.HintName, file.Source);
            }
        });

        context.RegisterSourceOutput(parsed.Select(static (p, _) => p.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));
        context.RegisterSourceOutput(options.Select(static (o, _) => o.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));

        var failures = solved
            .Where(static s => s.Failure is not null)
            .Select(static (s, _) => (Key: s.Spec.Type.FullName, Failure: s.Failure!))
            .WithTrackingName(TrackingNames.SolveFailures)
            .Collect();
        var locations = parsed.Select(static (p, _) => (p.Key, p.NetworkAttribute, p.PrecisionAttribute)).Collect();
        context.RegisterSourceOutput(failures.Combine(locations), static (spc, pair) => ReportFailures(spc, pair.Left, pair.Right));

        var testTargets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.TicketTestsAttribute,
                static (node, _) => node is CompilationUnitSyntax,
                static (ctx, ct) => TestTargetParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.TestTargets);
        context.RegisterSourceOutput(testTargets.Select(static (t, _) => t.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));

        // Collected (small values) so a network named by several attributes or files is emitted once.
        var testNetworks = testTargets.Select(static (t, _) => t.Networks).Collect();
        context.RegisterSourceOutput(testNetworks.Combine(options.Combine(features)), static (spc, pair) => EmitTestTargets(spc, pair.Left, pair.Right.Left, pair.Right.Right));
    }

    private static EquatableArray<GeneratedFile> Emit(SolveResult solved, GeneratorOptions options, CompilationFeatures features, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var type = solved.Spec.Type;
        var files = ImmutableArray.CreateBuilder<GeneratedFile>();
        files.Add(new GeneratedFile(NetworkEmitter.HintName(type, string.Empty), NetworkEmitter.Emit(solved.Spec, solved.Plan!, options, features)));
        if (features.HasXunit && options.EmitTests)
        {
            files.Add(new GeneratedFile(TestEmitter.HintName(type), TestEmitter.Emit(type.FullName, type.Name, type.Namespace)));
        }

        return new EquatableArray<GeneratedFile>(files.ToArray());
    }

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    private static void ReportFailures(SourceProductionContext context, ImmutableArray<(string Key, SolveFailure Failure)> failures, ImmutableArray<(string Key, LocationInfo? Network, LocationInfo? Precision)> locations)
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

            var descriptor = failure.Kind switch
            {
                0 => DiagnosticDescriptors.WidthTooSmall,
                1 => DiagnosticDescriptors.NoTicket,
                2 => DiagnosticDescriptors.Overflow,
                4 => DiagnosticDescriptors.WidthAboveCap,
                _ => DiagnosticDescriptors.InternalError,
            };
            var info = failure.Kind == 3
                ? DiagnosticInfo.Create(descriptor, network, key, failure.Message)
                : DiagnosticInfo.Create(descriptor, failure.Kind == 2 ? precision : network, failure.Message);
            context.ReportDiagnostic(info.ToDiagnostic());
        }
    }

    private static void EmitTestTargets(SourceProductionContext context, ImmutableArray<EquatableArray<TypeShape>> targets, GeneratorOptions options, CompilationFeatures features)
    {
        if (!features.HasXunit || !options.EmitTests)
        {
            return;
        }

        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var networks in targets)
        {
            foreach (var network in networks)
            {
                string hintName = NetworkEmitter.HintName(network, ".ReferencedTests");
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
