using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SlthGen.Generator.Diagnostics;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Parsing;

/// <summary>Turns an annotated class (symbols and attributes) into a <see cref="ParseResult"/> of plain values.</summary>
internal static class NetworkParser
{
    public const string TicketNetworkAttribute = "SlthGen.TicketNetworkAttribute";
    public const string PrecisionAttribute = "SlthGen.PrecisionAttribute";
    public const string LayerAttribute = "SlthGen.LayerAttribute";
    public const string TicketTestsAttribute = "SlthGen.TicketTestsAttribute";
    public const string WeightsFileAttribute = "SlthGen.WeightsFileAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        string key = symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var diagnostics = new List<DiagnosticInfo>();
        var classLocation = LocationInfo.From(syntax.Identifier.GetLocation());
        var networkAttribute = context.Attributes[0];
        var networkLocation = AttributeLocation(networkAttribute, cancellationToken) ?? classLocation;
        var precision = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == PrecisionAttribute);
        var precisionLocation = AttributeLocation(precision, cancellationToken) ?? classLocation;

        if (!IsPartialChain(symbol, cancellationToken))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, classLocation, symbol.Name));
        }

        for (var t = symbol; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericType, classLocation, symbol.Name));
                break;
            }
        }

        long seed = Named(networkAttribute, "Seed", 0L);
        int construction = Named(networkAttribute, "Construction", 0);
        int hidden = Named(networkAttribute, "HiddenPerInput", 0);
        int copies = Named(networkAttribute, "Copies", 0);
        int blocks = Named(networkAttribute, "Blocks", 0);
        if (construction is not 0 and not 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstruction, networkLocation, construction));
        }

        if (blocks is not 0 and not 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownBlockLayout, networkLocation, blocks));
        }

        if (hidden < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeWidth, networkLocation, "HiddenPerInput", hidden));
        }

        if (copies < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeWidth, networkLocation, "Copies", copies));
        }

        var layers = symbol.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == LayerAttribute)
            .OrderBy(a => a.ApplicationSyntaxReference?.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
            .ToList();

        var weightsFile = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == WeightsFileAttribute);
        var weightsLocation = AttributeLocation(weightsFile, cancellationToken) ?? classLocation;
        string? weightsPath = null;
        if (weightsFile is not null)
        {
            string relative = weightsFile.ConstructorArguments.Length == 1 && weightsFile.ConstructorArguments[0].Value is string p ? p : string.Empty;
            if (layers.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersAndWeightsFile, weightsLocation, symbol.Name));
            }
            else if (relative.Trim().Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotListed, weightsLocation, relative));
            }
            else
            {
                weightsPath = Resolve(weightsFile.ApplicationSyntaxReference?.SyntaxTree.FilePath, relative);
            }
        }

        if (precision is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingPrecision, networkLocation, symbol.Name));
        }

        if (layers.Count == 0 && weightsFile is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingLayers, networkLocation, symbol.Name));
        }

        if (precision is null || (layers.Count == 0 && weightsPath is null))
        {
            return new ParseResult(key, null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()), networkLocation, precisionLocation);
        }

        int targetBits = Named(precision, "TargetBits", 0);
        int initBits = Named(precision, "InitBits", 0);
        int ticketBits = Named(precision, "TicketBits", 0);
        int activationBits = Named(precision, "ActivationBits", 0);
        double inputMin = Named(precision, "InputMin", -1.0);
        double inputMax = Named(precision, "InputMax", 1.0);
        bool bitsValid = true;
        foreach (var (name, value) in new[] { ("TargetBits", targetBits), ("InitBits", initBits), ("TicketBits", ticketBits), ("ActivationBits", activationBits) })
        {
            if ((value < 1 && !(name == "TicketBits" && value == 0)) || value > Precision.MaxBits)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BitsOutOfRange, precisionLocation, name, value, Precision.MaxBits));
                bitsValid = false;
            }
        }

        long minUnits = 0, maxUnits = 0;
        if (bitsValid)
        {
            if (ticketBits == 0)
            {
                // TicketBits = 0: the builder chooses δ (TicketBuilder.ChooseReduced) and reports it.
            }
            else if (initBits < ticketBits)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitCoarserThanTicket, precisionLocation, initBits, ticketBits));
            }

            if (construction == 0 && 2 * ticketBits < targetBits && ticketBits != 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Theorem1Precision, precisionLocation, targetBits, (targetBits + 1) / 2, ticketBits));
            }

            if (construction == 1 && ticketBits < targetBits && ticketBits != 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Theorem2Precision, precisionLocation, targetBits, ticketBits));
            }

            bool minOk = OnGrid("InputMin", inputMin, activationBits, precisionLocation, diagnostics, out minUnits);
            bool maxOk = OnGrid("InputMax", inputMax, activationBits, precisionLocation, diagnostics, out maxUnits);
            if (minOk && maxOk && minUnits > maxUnits)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputRangeEmpty, precisionLocation, inputMin, inputMax));
            }
        }

        var specs = new List<LayerSpec>();
        var locations = new List<LocationInfo?>();
        bool malformed = false;
        foreach (var layer in layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var args = layer.ConstructorArguments;
            if (args.Length != 3 || args.Any(static c => c.Kind == TypedConstantKind.Error))
            {
                // The compiler already reports the broken attribute; generate nothing for it.
                malformed = true;
                continue;
            }

            int inputs = args.Length == 3 && args[0].Value is int a ? a : 0;
            int outputs = args.Length == 3 && args[1].Value is int b ? b : 0;
            int[] weights = args.Length == 3 ? Ints(args[2]) : Array.Empty<int>();
            var biasArgument = layer.NamedArguments.FirstOrDefault(n => n.Key == "Biases");
            bool hasBiases = biasArgument.Key is not null && !biasArgument.Value.IsNull;
            int[] biases = hasBiases ? Ints(biasArgument.Value) : Array.Empty<int>();
            specs.Add(new LayerSpec(inputs, outputs, new EquatableArray<int>(weights), hasBiases, new EquatableArray<int>(biases)));
            locations.Add(AttributeLocation(layer, cancellationToken) ?? classLocation);
        }

        if (bitsValid)
        {
            ValidateLayers(specs, 1L << targetBits, i => locations[i], diagnostics);
        }

        var errors = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
        if (malformed || diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            return new ParseResult(key, null, errors, networkLocation, precisionLocation);
        }

        var spec = new NetworkSpec(
            Shape(symbol),
            seed,
            construction,
            hidden,
            copies,
            targetBits,
            initBits,
            ticketBits,
            activationBits,
            minUnits,
            maxUnits,
            new EquatableArray<LayerSpec>(specs.ToArray()))
        { Blocks = blocks };
        return new ParseResult(key, spec, errors, networkLocation, precisionLocation) { WeightsPath = weightsPath, WeightsAttribute = weightsLocation };
    }

    /// <summary>
    /// Checks layers (from attributes or a weights file) against the target precision: shapes,
    /// the dimension chain, weight and bias counts, and values in S_δt.
    /// </summary>
    public static void ValidateLayers(IReadOnlyList<LayerSpec> layers, long one, Func<int, LocationInfo?> location, List<DiagnosticInfo> diagnostics)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            int inputs = layer.Inputs, outputs = layer.Outputs;
            if (inputs < 1 || outputs < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerShape, location(i), i + 1, inputs, outputs));
                continue;
            }

            if (i > 0 && layers[i - 1].Outputs != inputs)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ChainBroken, location(i), i + 1, inputs, i, layers[i - 1].Outputs));
            }

            var weights = layer.Weights;
            if ((long)inputs * outputs != weights.Count)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightCount, location(i), i + 1, inputs, outputs, (long)inputs * outputs, weights.Count));
            }
            else
            {
                for (int w = 0; w < weights.Count; w++)
                {
                    if (Math.Abs((long)weights[w]) > one)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightOutOfRange, location(i), i + 1, w / inputs, w % inputs, weights[w], one));
                        break;
                    }
                }
            }

            var biases = layer.Biases;
            if (layer.HasBiases && biases.Count != outputs)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BiasCount, location(i), i + 1, outputs, biases.Count));
            }
            else
            {
                for (int k = 0; k < biases.Count; k++)
                {
                    if (Math.Abs((long)biases[k]) > one)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BiasOutOfRange, location(i), i + 1, k, biases[k], one));
                        break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Completes a network declared with [WeightsFile]: finds the file among the AdditionalFiles
    /// (by path relative to the declaring source file, else by a unique path suffix), and
    /// validates its layers, reporting problems at the file.
    /// </summary>
    public static ParseResult Complete(ParseResult parsed, ImmutableArray<WeightsFileContent> files)
    {
        if (parsed.WeightsPath is not { } path || parsed.Spec is not { } spec)
        {
            return parsed;
        }

        WeightsFileContent? found = null;
        foreach (var file in files)
        {
            if (string.Equals(Normalize(file.Path), path, StringComparison.Ordinal))
            {
                found = file;
            }
        }

        if (found is null)
        {
            string suffix = "/" + path.Substring(path.LastIndexOf('/') + 1);
            var matches = files.Where(f => Normalize(f.Path).EndsWith(suffix, StringComparison.Ordinal)).ToList();
            found = matches.Count == 1 ? matches[0] : null;
        }

        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        if (found is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotListed, parsed.WeightsAttribute, path));
            return parsed with { Spec = null, Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()) };
        }

        var fileLocation = new LocationInfo(found.Path, default, default);
        if (found.Error is { } error)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidWeightsFile, fileLocation, System.IO.Path.GetFileName(found.Path), error));
            return parsed with { Spec = null, Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()) };
        }

        int before = diagnostics.Count;
        ValidateLayers(found.Layers.ToArray(), 1L << spec.TargetBits, _ => fileLocation, diagnostics);
        if (diagnostics.Count > before)
        {
            return parsed with { Spec = null, Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()) };
        }

        return parsed with { Spec = spec with { Layers = found.Layers }, WeightsPath = null };
    }

    private static string Resolve(string? sourcePath, string relative)
    {
        string directory = string.IsNullOrEmpty(sourcePath) ? string.Empty : System.IO.Path.GetDirectoryName(sourcePath) ?? string.Empty;
        string combined = System.IO.Path.IsPathRooted(relative) ? relative : System.IO.Path.Combine(directory, relative);
        return Normalize(combined);
    }

    private static string Normalize(string path)
    {
        try
        {
            return System.IO.Path.GetFullPath(path).Replace('\\', '/');
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return path.Replace('\\', '/');
        }
    }

    public static TypeShape Shape(INamedTypeSymbol symbol)
    {
        string ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : string.Empty;
        var containing = new List<string>();
        for (var t = symbol.ContainingType; t is not null; t = t.ContainingType)
        {
            containing.Insert(0, Declaration(t));
        }

        return new TypeShape(ns, new EquatableArray<string>(containing.ToArray()), Declaration(symbol), symbol.Name, symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
    }

    private static string Declaration(INamedTypeSymbol type)
    {
        string kind = type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };
        return (type.IsStatic ? "static " : string.Empty) + "partial " + kind + " " + type.Name;
    }

    private static bool IsPartialChain(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        for (var t = symbol; t is not null; t = t.ContainingType)
        {
            bool partial = t.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnGrid(string name, double value, int bits, LocationInfo? location, List<DiagnosticInfo> diagnostics, out long units)
    {
        double scaled = value * Math.Pow(2, bits);
        if (double.IsNaN(scaled) || double.IsInfinity(scaled) || Math.Abs(scaled) > int.MaxValue || Math.Floor(scaled) != scaled)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputRangeOffGrid, location, name, value, bits, Math.Pow(2, -bits)));
            units = 0;
            return false;
        }

        units = (long)scaled;
        return true;
    }

    private static LocationInfo? AttributeLocation(AttributeData? attribute, CancellationToken cancellationToken) =>
        attribute?.ApplicationSyntaxReference is { } reference ? LocationInfo.From(reference.GetSyntax(cancellationToken)) : null;

    private static T Named<T>(AttributeData? attribute, string name, T fallback)
    {
        if (attribute is null)
        {
            return fallback;
        }

        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is { } value)
            {
                return (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }

    private static int[] Ints(TypedConstant constant)
    {
        if (constant.IsNull || constant.Kind != TypedConstantKind.Array)
        {
            return Array.Empty<int>();
        }

        ImmutableArray<TypedConstant> values = constant.Values;
        var result = new int[values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = values[i].Value is int v ? v : 0;
        }

        return result;
    }
}
