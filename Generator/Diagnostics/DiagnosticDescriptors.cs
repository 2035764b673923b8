using Microsoft.CodeAnalysis;

namespace SlthGen.Generator.Diagnostics;

/// <summary>Every diagnostic SlthGen reports. IDs are stable; the README's table lists them.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "SlthGen";
    // Relative to the repository and the package README: no hosting URL is assumed.
    private const string HelpBase = "docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NotPartial = Error("SLTH001", "Ticket network class must be partial", "'{0}' has [TicketNetwork] but is not partial: declare it 'partial' (and every containing type too) so SlthGen can add the ticket");
    public static readonly DiagnosticDescriptor GenericType = Error("SLTH002", "Ticket network class cannot be generic", "'{0}' is generic or nested in a generic type: declare the ticket network in a non-generic class");
    public static readonly DiagnosticDescriptor MissingPrecision = Error("SLTH003", "Missing [Precision]", "'{0}' needs a [Precision(TargetBits = …, InitBits = …, TicketBits = …, ActivationBits = …)] attribute");
    public static readonly DiagnosticDescriptor MissingLayers = Error("SLTH004", "Missing [Layer]", "'{0}' declares no layers: add [Layer(inputs, outputs, weights)] attributes in order");
    public static readonly DiagnosticDescriptor BitsOutOfRange = Error("SLTH005", "Bit count out of range", "{0} = {1} is out of range: use between 1 and {2} bits");
    public static readonly DiagnosticDescriptor InitCoarserThanTicket = Error("SLTH006", "δin must not be coarser than δ", "InitBits = {0} is below TicketBits = {1}: g is drawn at δin and reduced to δ, so InitBits must be at least TicketBits");
    public static readonly DiagnosticDescriptor Theorem1Precision = Error("SLTH007", "Theorem 1 needs δ² ≤ δt", "Depth2L needs δ² ≤ δt: with TargetBits = {0}, TicketBits must be at least {1} (is {2})");
    public static readonly DiagnosticDescriptor Theorem2Precision = Error("SLTH008", "Theorem 2 needs δ ≤ δt", "DepthLPlus1 needs δ ≤ δt: with TargetBits = {0}, TicketBits must be at least {0} (is {1})");
    public static readonly DiagnosticDescriptor ChainBroken = Error("SLTH009", "Layer dimensions do not chain", "Layer {0} has {1} inputs but layer {2} has {3} outputs: each layer's inputs must equal the previous layer's outputs");
    public static readonly DiagnosticDescriptor WeightCount = Error("SLTH010", "Wrong weight count", "Layer {0} ({1} inputs → {2} outputs) needs {3} weights (row-major [output][input]) but has {4}");
    public static readonly DiagnosticDescriptor WeightOutOfRange = Error("SLTH011", "Weight outside S_δt", "Layer {0}, weight [{1},{2}] = {3} is outside S_δt = [-{4}, {4}] (units of 2^-TargetBits); weights are integers w with |w| ≤ 2^TargetBits");
    public static readonly DiagnosticDescriptor BiasOutOfRange = Error("SLTH012", "Bias outside S_δt", "Layer {0}, bias [{1}] = {2} is outside S_δt = [-{3}, {3}] (units of 2^-TargetBits)");
    public static readonly DiagnosticDescriptor BiasCount = Error("SLTH013", "Wrong bias count", "Layer {0} has {1} outputs but {2} biases: give one bias per output");
    public static readonly DiagnosticDescriptor InputRangeOffGrid = Error("SLTH014", "Input range not on the γ grid", "{0} = {1} is not a multiple of γ = 2^-{2}: use a multiple of {3}");
    public static readonly DiagnosticDescriptor InputRangeEmpty = Error("SLTH015", "Input range is empty", "InputMin = {0} is above InputMax = {1}: the input range must not be empty");
    public static readonly DiagnosticDescriptor WidthTooSmall = Error("SLTH016", "Given width is too small", "{0}");
    public static readonly DiagnosticDescriptor NoTicket = Error("SLTH017", "No exact ticket found", "{0}");
    public static readonly DiagnosticDescriptor Overflow = Error("SLTH018", "Arithmetic cannot be made overflow-free", "{0}");
    public static readonly DiagnosticDescriptor InvalidOption = Error("SLTH019", "Invalid MSBuild option", "The MSBuild property {0} = '{1}' is invalid: {2}. Set it in the project file (<PropertyGroup><{0}>…</{0}></PropertyGroup>) or in Directory.Build.props; SlthGen's defaults are in its build/SlthGen.props");
    public static readonly DiagnosticDescriptor InvalidLayerShape = Error("SLTH020", "Invalid layer shape", "Layer {0} declares {1} inputs and {2} outputs: both must be at least 1");
    public static readonly DiagnosticDescriptor NegativeWidth = Error("SLTH021", "Negative width", "{0} = {1} is negative: use 0 (automatic) or a positive width");
    public static readonly DiagnosticDescriptor NotATicketNetwork = Error("SLTH022", "Not a ticket network", "[assembly: TicketTests(typeof({0}))] names a type without [TicketNetwork]: name a ticket network class");
    public static readonly DiagnosticDescriptor UnknownConstruction = Error("SLTH023", "Unknown construction", "Construction = {0} is not a TicketConstruction: use Depth2L or DepthLPlus1");
    public static readonly DiagnosticDescriptor WidthAboveCap = Error("SLTH024", "Given width above the cap", "{0}");
    public static readonly DiagnosticDescriptor LimitExceeded = Error("SLTH025", "Size limit exceeded", "{0} is {1}, above the limit {2} ({3}): {4}. Raise <{3}> in the project file if you mean it");
    public static readonly DiagnosticDescriptor WorkBudgetExceeded = Error("SLTH026", "Total solver work budget exceeded", "Solving '{0}' needed more than {1} units of subset-sum work in total ({2}): {3}. Raise <{2}> in the project file if you mean it, or use a finer δ (TicketBits) or smaller widths");
    public static readonly DiagnosticDescriptor NameCollision = Error("SLTH027", "Name used by generated code", "{0}: rename it, since SlthGen generates {1}");
    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Error("SLTH028", "C# version too old for the generated code", "The code generated for '{0}' needs C# {1} or newer, but the project compiles with C# {2}: set <LangVersion>{1}</LangVersion> (or newer, e.g. latest) in the project file");
    public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error("SLTH029", "[Layer]s on several partial declarations", "'{0}' has [Layer] attributes on {1} partial declarations, which have no order: declare every [Layer] of the network on one declaration, in order");
    public static readonly DiagnosticDescriptor LayersAndWeightsFile = Error("SLTH030", "Both [Layer] and [WeightsFile]", "'{0}' declares both [Layer] attributes and a [WeightsFile]: keep one source of weights");
    public static readonly DiagnosticDescriptor WeightsFileNotListed = Error("SLTH031", "Weights file not found", "{0}");
    public static readonly DiagnosticDescriptor InvalidWeightsFile = Error("SLTH032", "Invalid weights file", "The weights file '{0}' is invalid: {1}");
    public static readonly DiagnosticDescriptor UnknownBlockLayout = Error("SLTH033", "Unknown block layout", "Blocks = {0} is not a BlockLayout: use Adaptive or Fixed");
    public static readonly DiagnosticDescriptor InternalError = Error("SLTH099", "SlthGen internal error", "SlthGen could not generate '{0}': {1}. Please report this.");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
}
