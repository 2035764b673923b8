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
        if (construction is not 0 and not 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstruction, networkLocation, construction));
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

        if (precision is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingPrecision, networkLocation, symbol.Name));
        }

        if (layers.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingLayers, networkLocation, symbol.Name));
        }

        if (precision is null || layers.Count == 0)
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
            if (value < 1 || value > Precision.MaxBits)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BitsOutOfRange, precisionLocation, name, value, Precision.MaxBits));
                bitsValid = false;
            }
        }

        long minUnits = 0, maxUnits = 0;
        if (bitsValid)
        {
            if (initBits < ticketBits)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InitCoarserThanTicket, precisionLocation, initBits, ticketBits));
            }

            if (construction == 0 && 2 * ticketBits < targetBits)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Theorem1Precision, precisionLocation, targetBits, (targetBits + 1) / 2, ticketBits));
            }

            if (construction == 1 && ticketBits < targetBits)
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
        long one = bitsValid ? 1L << targetBits : long.MaxValue;
        for (int i = 0; i < layers.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var layer = layers[i];
            var location = AttributeLocation(layer, cancellationToken) ?? classLocation;
            var args = layer.ConstructorArguments;
            if (args.Length != 3)
            {
                continue;
            }

            int inputs = args[0].Value is int a ? a : 0;
            int outputs = args[1].Value is int b ? b : 0;
            int[] weights = Ints(args[2]);
            var biasArgument = layer.NamedArguments.FirstOrDefault(n => n.Key == "Biases");
            bool hasBiases = biasArgument.Key is not null && !biasArgument.Value.IsNull;
            int[] biases = hasBiases ? Ints(biasArgument.Value) : Array.Empty<int>();
            if (inputs < 1 || outputs < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerShape, location, i + 1, inputs, outputs));
                continue;
            }

            if (specs.Count == i && i > 0 && specs[i - 1].Outputs != inputs)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ChainBroken, location, i + 1, inputs, i, specs[i - 1].Outputs));
            }

            if ((long)inputs * outputs != weights.Length)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightCount, location, i + 1, inputs, outputs, (long)inputs * outputs, weights.Length));
            }
            else
            {
                for (int w = 0; w < weights.Length; w++)
                {
                    if (Math.Abs((long)weights[w]) > one)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightOutOfRange, location, i + 1, w / inputs, w % inputs, weights[w], one));
                        break;
                    }
                }
            }

            if (hasBiases && biases.Length != outputs)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BiasCount, location, i + 1, outputs, biases.Length));
            }
            else
            {
                for (int k = 0; k < biases.Length; k++)
                {
                    if (Math.Abs((long)biases[k]) > one)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BiasOutOfRange, location, i + 1, k, biases[k], one));
                        break;
                    }
                }
            }

            specs.Add(new LayerSpec(inputs, outputs, new EquatableArray<int>(weights), hasBiases, new EquatableArray<int>(biases)));
        }

        var errors = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray());
        if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
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
            new EquatableArray<LayerSpec>(specs.ToArray()));
        return new ParseResult(key, spec, errors, networkLocation, precisionLocation);
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
