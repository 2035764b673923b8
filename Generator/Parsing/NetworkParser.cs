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
    public const string TicketNetworkAttribute = "SlthGen." + nameof(SlthGen.TicketNetworkAttribute);
    public const string PrecisionAttribute = "SlthGen." + nameof(SlthGen.PrecisionAttribute);
    public const string LayerAttribute = "SlthGen." + nameof(SlthGen.LayerAttribute);
    public const string TicketTestsAttribute = "SlthGen." + nameof(SlthGen.TicketTestsAttribute);
    public const string WeightsFileAttribute = "SlthGen." + nameof(SlthGen.WeightsFileAttribute);

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

        bool testClassTaken = CheckNames(symbol, context.SemanticModel.Compilation, classLocation, diagnostics, cancellationToken);

        long seed = Named(networkAttribute, nameof(SlthGen.TicketNetworkAttribute.Seed), 0L);
        int constructionValue = Named(networkAttribute, nameof(SlthGen.TicketNetworkAttribute.Construction), 0);
        int hidden = Named(networkAttribute, nameof(SlthGen.TicketNetworkAttribute.HiddenPerInput), 0);
        int copies = Named(networkAttribute, nameof(SlthGen.TicketNetworkAttribute.Copies), 0);
        int blocks = Named(networkAttribute, nameof(SlthGen.TicketNetworkAttribute.Blocks), 0);
        var construction = (TicketConstruction)constructionValue;
        bool constructionKnown = construction is TicketConstruction.Depth2L or TicketConstruction.DepthLPlus1;
        if (!constructionKnown)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstruction, networkLocation, constructionValue));
        }

        if (blocks is not 0 and not 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownBlockLayout, networkLocation, blocks));
        }

        if (hidden < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeWidth, networkLocation, nameof(SlthGen.TicketNetworkAttribute.HiddenPerInput), hidden));
        }

        if (copies < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeWidth, networkLocation, nameof(SlthGen.TicketNetworkAttribute.Copies), copies));
        }

        // Layers in source order. Attributes on several partial declarations have no order the
        // user wrote down, so that is an error (SLTH029) rather than a guess.
        var layers = symbol.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == LayerAttribute)
            .OrderBy(a => a.ApplicationSyntaxReference?.SyntaxTree.FilePath, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
            .ToList();
        var layerDeclarations = layers
            .Select(a => a.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>())
            .Where(d => d is not null)
            .Distinct()
            .Count();
        if (layerDeclarations > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersOnSeveralDeclarations, AttributeLocation(layers[layers.Count - 1], cancellationToken) ?? classLocation, symbol.Name, layerDeclarations));
        }

        var weightsFile = symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == WeightsFileAttribute);
        var weightsLocation = AttributeLocation(weightsFile, cancellationToken) ?? classLocation;
        string? weightsPath = null;
        if (weightsFile is not null)
        {
            string relative = weightsFile.ConstructorArguments.Length == 1 && weightsFile.ConstructorArguments[0].Value is string p ? p : string.Empty;
            string extension = relative.Trim().Length == 0 ? string.Empty : System.IO.Path.GetExtension(relative);
            if (layers.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersAndWeightsFile, weightsLocation, symbol.Name));
            }
            else if (relative.Trim().Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotListed, weightsLocation, "[WeightsFile] needs the path of a .npz, .npy or .json file, relative to this source file: [WeightsFile(\"weights.npz\")]"));
            }
            else if (!WeightsFileParser.IsWeightsPath(relative))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotListed, weightsLocation, $"The weights file '{relative}' has the extension '{extension}': SlthGen reads .npz, .npy and .json files (docs/weights.md); convert it, e.g. np.savez(\"weights.npz\", W1=…, b1=…)"));
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

        int targetBits = Named(precision, nameof(SlthGen.PrecisionAttribute.TargetBits), 0);
        int initBits = Named(precision, nameof(SlthGen.PrecisionAttribute.InitBits), 0);
        int ticketBits = Named(precision, nameof(SlthGen.PrecisionAttribute.TicketBits), 0);
        int activationBits = Named(precision, nameof(SlthGen.PrecisionAttribute.ActivationBits), 0);
        double inputMin = Named(precision, nameof(SlthGen.PrecisionAttribute.InputMin), -1.0);
        double inputMax = Named(precision, nameof(SlthGen.PrecisionAttribute.InputMax), 1.0);
        var precisionProblems = PrecisionRules.Check(constructionKnown ? construction : TicketConstruction.Depth2L, targetBits, initBits, ticketBits, activationBits);
        bool bitsValid = true;
        foreach (var problem in precisionProblems)
        {
            bitsValid &= problem.Kind != PrecisionProblemKind.BitsOutOfRange;
            if (problem.Kind is PrecisionProblemKind.Theorem1Precision or PrecisionProblemKind.Theorem2Precision && !constructionKnown)
            {
                continue;
            }

            diagnostics.Add(problem.Kind switch
            {
                PrecisionProblemKind.BitsOutOfRange => DiagnosticInfo.Create(DiagnosticDescriptors.BitsOutOfRange, precisionLocation, problem.Name, problem.Value, problem.Required),
                PrecisionProblemKind.InitCoarserThanTicket => DiagnosticInfo.Create(DiagnosticDescriptors.InitCoarserThanTicket, precisionLocation, initBits, ticketBits),
                PrecisionProblemKind.Theorem1Precision => DiagnosticInfo.Create(DiagnosticDescriptors.Theorem1Precision, precisionLocation, targetBits, problem.Required, ticketBits),
                _ => DiagnosticInfo.Create(DiagnosticDescriptors.Theorem2Precision, precisionLocation, targetBits, ticketBits),
            });
        }

        long minUnits = 0, maxUnits = 0;
        if (bitsValid)
        {
            bool minOk = OnGrid(nameof(SlthGen.PrecisionAttribute.InputMin), inputMin, activationBits, precisionLocation, diagnostics, out minUnits);
            bool maxOk = OnGrid(nameof(SlthGen.PrecisionAttribute.InputMax), inputMax, activationBits, precisionLocation, diagnostics, out maxUnits);
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

            int inputs = args[0].Value is int a ? a : 0;
            int outputs = args[1].Value is int b ? b : 0;
            int[] weights = Ints(args[2]);
            var biasArgument = layer.NamedArguments.FirstOrDefault(n => n.Key == nameof(SlthGen.LayerAttribute.Biases));
            bool hasBiases = biasArgument.Key is not null && !biasArgument.Value.IsNull;
            int[] biases = hasBiases ? Ints(biasArgument.Value) : Array.Empty<int>();
            specs.Add(new LayerSpec(inputs, outputs, new EquatableArray<int>(weights), hasBiases, new EquatableArray<int>(biases)));
            locations.Add(AttributeLocation(layer, cancellationToken) ?? classLocation);
        }

        if (bitsValid && layerDeclarations <= 1)
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
        {
            TestClassTaken = testClassTaken,
            Blocks = blocks,
        };
        return new ParseResult(key, spec, errors, networkLocation, precisionLocation) { WeightsPath = weightsPath, WeightsAttribute = weightsLocation };
    }

    /// <summary>
    /// SLTH027: the class must not declare a member SlthGen generates, nor be named like one (a
    /// member cannot share its type's name). Returns whether the generated test class name is
    /// already taken (reported with the options, since tests are only emitted with xunit and
    /// SlthGen_EmitTests).
    /// </summary>
    private static bool CheckNames(INamedTypeSymbol symbol, Compilation compilation, LocationInfo? classLocation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (GeneratedNames.IsMember(symbol.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, classLocation, $"The class '{symbol.Name}' has the name of a generated member", "a member of that name in it (" + string.Join(", ", GeneratedNames.Members) + ")"));
        }

        foreach (var member in symbol.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared || !GeneratedNames.IsMember(member.Name))
            {
                continue;
            }

            var location = member.Locations.FirstOrDefault(l => l.IsInSource);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, LocationInfo.From(location) ?? classLocation, $"'{symbol.Name}' already declares '{member.Name}'", "'" + member.Name + "' on every ticket network (the generated members are " + string.Join(", ", GeneratedNames.Members) + ")"));
        }

        string ns = NamespaceName(symbol);
        return compilation.GetTypeByMetadataName((ns.Length > 0 ? ns + "." : string.Empty) + symbol.Name + GeneratedNames.TestClassSuffix) is not null;
    }

    /// <summary>The dotted namespace of a type, names unescaped (as metadata spells them); empty for the global namespace.</summary>
    private static string NamespaceName(INamedTypeSymbol symbol)
    {
        var parts = new List<string>();
        for (var n = symbol.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
        {
            parts.Insert(0, n.Name);
        }

        return string.Join(".", parts);
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

        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        string name = path.Substring(path.LastIndexOf('/') + 1);
        if (found is null)
        {
            string suffix = "/" + name;
            var matches = files.Where(f => Normalize(f.Path).EndsWith(suffix, StringComparison.Ordinal)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            if (matches.Count == 1)
            {
                found = matches[0];
            }
            else
            {
                string message = matches.Count == 0
                    ? $"The weights file '{name}' is not an AdditionalFiles item of this project (looked for {path}): add <AdditionalFiles Include=\"…\" /> for it (the path is relative to the source file with [WeightsFile]) and check that it exists"
                    : $"The weights file '{name}' is not at {path}, and {matches.Count} AdditionalFiles items have that name ({string.Join(", ", matches.Select(m => m.Path))}): give the path relative to the source file with [WeightsFile], so that it names one of them";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotListed, parsed.WeightsAttribute, message));
                return parsed with { Spec = null, Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()) };
            }
        }

        var fileLocation = new LocationInfo(found.Path, default, default);
        if (found.Limit is { } limit)
        {
            diagnostics.Add(limit.ToDiagnostic(fileLocation));
            return parsed with { Spec = null, Diagnostics = new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()) };
        }

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
        string ns = GeneratedNames.Namespace(NamespaceName(symbol));
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
        return (type.IsStatic ? "static " : string.Empty) + "partial " + kind + " " + GeneratedNames.Identifier(type.Name);
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
