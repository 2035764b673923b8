using System.Collections.Generic;
using System.Linq;
using SlthGen.Generator.Model;

namespace SlthGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// The reference: the target network as declared, dense, with nothing clever:
    /// f(x) = [W_ℓ [σ(W_{ℓ-1} … [σ(W_1 x + c_1)]_γ …)]_γ]_γ. When the overflow proof puts weights,
    /// inputs and activations in int16 and sums in int32, it runs on the runtime's
    /// <c>PackedTargetNetwork</c> (8- or 16-bit multiply-add kernels, outputs in SIMD lanes); otherwise one
    /// dot product per neuron, 32-bit in System.Numerics.Vector lanes when the sums fit and the
    /// compilation has vectors, 64-bit scalar loops if not.
    /// </summary>
    private static void EmitReference(SourceWriter w, Context c)
    {
        if (c.Plan.ReferenceFitsInt16)
        {
            w.Line("internal static void Reference(global::System.ReadOnlySpan<int> input, global::System.Span<int> output) => TargetData.Packed.EvaluateUnchecked(input, output);");
            w.Line();
            w.Line("internal static void ReferenceBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs) => TargetData.Packed.EvaluateBatchUnchecked(inputs, outputs);");
            w.Line();
            return;
        }

        w.Open("internal static void ReferenceBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)");
        w.Open("for (int s = 0; s < inputs.Length / InputCount; s++)");
        w.Line("Reference(inputs.Slice(s * InputCount, InputCount), outputs.Slice(s * OutputCount, OutputCount));");
        w.Close();
        w.Close();
        w.Line();
        var layers = c.Spec.Layers;
        bool narrow = c.Features.HasVectors && !c.Plan.ReferenceNeedsLong;
        string type = narrow ? "int" : "long";
        w.Open("internal static void Reference(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)");
        string previous = "input";
        if (!narrow)
        {
            w.Line("global::System.Span<long> a0 = stackalloc long[" + Literals.Int(c.InputCount) + "];");
            w.Open("for (int j = 0; j < a0.Length; j++)");
            w.Line("a0[j] = input[j];");
            w.Close();
            previous = "a0";
        }

        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            bool last = i == layers.Count - 1;
            string next = narrow && last ? "output" : "a" + Literals.Int(i + 1);
            if (next != "output")
            {
                w.Line("global::System.Span<" + type + "> " + next + " = " + (layer.Outputs <= 2048 ? "stackalloc " + type + "[" + Literals.Int(layer.Outputs) + "]" : "new " + type + "[" + Literals.Int(layer.Outputs) + "]") + ";");
            }

            w.Line("ReferenceLayer(" + previous + ", " + next + ", TargetData.W" + Literals.Int(i + 1) + ", " + (layer.HasBiases ? "TargetData.B" + Literals.Int(i + 1) : "null") + ", relu: " + Literals.Bool(!last) + ");");
            previous = next;
        }

        if (!narrow)
        {
            w.Open("for (int k = 0; k < output.Length; k++)");
            w.Line("output[k] = (int)a" + Literals.Int(layers.Count) + "[k];");
            w.Close();
        }

        w.Close();
        w.Line();
        w.Line("// One target layer: sum in units of 2^-(TargetBits+ActivationBits), σ unless last, floor to γ (an arithmetic shift).");
        if (narrow)
        {
            string vector = "global::System.Numerics.Vector<int>";
            w.Open("private static void ReferenceLayer(global::System.ReadOnlySpan<int> x, global::System.Span<int> y, int[] weights, int[]? biases, bool relu)");
            w.Line("int n = x.Length;");
            w.Open("for (int k = 0; k < y.Length; k++)");
            w.Line("var row = new global::System.ReadOnlySpan<int>(weights, k * n, n);");
            w.Line("var lanes = " + vector + ".Zero;");
            w.Line("int j = 0;");
            w.Open("for (; j <= n - " + vector + ".Count; j += " + vector + ".Count)");
            w.Line("lanes += new " + vector + "(row.Slice(j)) * new " + vector + "(x.Slice(j));");
            w.Close();
            w.Line("int sum = (biases is null ? 0 : biases[k] << " + Literals.Int(c.Spec.ActivationBits) + ") + global::System.Numerics.Vector.Sum(lanes);");
            w.Open("for (; j < n; j++)");
            w.Line("sum += row[j] * x[j];");
            w.Close();
        }
        else
        {
            w.Open("private static void ReferenceLayer(global::System.ReadOnlySpan<long> x, global::System.Span<long> y, int[] weights, int[]? biases, bool relu)");
            w.Open("for (int k = 0; k < y.Length; k++)");
            w.Line("long sum = biases is null ? 0 : (long)biases[k] << " + Literals.Int(c.Spec.ActivationBits) + ";");
            w.Open("for (int j = 0; j < x.Length; j++)");
            w.Line("sum += weights[(k * x.Length) + j] * x[j];");
            w.Close();
        }

        w.Open("if (relu && sum < 0)");
        w.Line("sum = 0;");
        w.Close();
        w.Line("y[k] = sum >> " + Literals.Int(c.Spec.TargetBits) + ";");
        w.Close();
        w.Close();
        w.Line();
    }

    /// <summary>
    /// The data behind <c>Ticket</c>, <c>TargetNetwork</c> and <c>InterpretedTicket</c>: the report as
    /// code, the target and the ticket as compact base64 data (each weight once), decoded at first
    /// use. Three classes, so the report does not decode the ticket and the reference does not
    /// decode the ticket either.
    /// </summary>
    private static void EmitData(SourceWriter w, Context c)
    {
        var spec = c.Spec;
        var plan = c.Plan;
        string construction = "global::SlthGen.TicketConstruction." + (spec.Construction == 0 ? "Depth2L" : "DepthLPlus1");
        w.Line("/// <summary>The ticket's report.</summary>");
        w.Open("internal static class Report");
        w.Line("internal static readonly global::SlthGen.TicketInfo Info = new global::SlthGen.TicketInfo(");
        w.Line("    " + construction + ",");
        w.Line("    " + Literals.Long(spec.Seed) + ",");
        w.Line("    " + Literals.Int(spec.TargetBits) + ", " + Literals.Int(spec.InitBits) + ", " + Literals.Int(spec.TicketBits) + ", " + Literals.Int(spec.ActivationBits) + ",");
        w.Line("    " + IntArray(plan.HiddenPerInput) + ",");
        w.Line("    " + IntArray(plan.Copies) + ",");
        w.Line("    new int[] { " + Literals.Int(c.InputCount) + ", " + string.Join(", ", spec.Layers.Select(l => Literals.Int(l.Outputs))) + " },");
        w.Line("    " + Literals.Long(spec.Layers.Sum(l => (long)l.Inputs * l.Outputs)) + ",");
        w.Line("    " + Literals.Long(plan.GParameters) + ",");
        w.Line("    " + Literals.Long(plan.KeptParameters) + ",");
        w.Line("    " + Literals.Long(plan.InstancesSolved) + ",");
        w.Line("    gSupportParameters: " + Literals.Long(plan.GSupportParameters) + ",");
        w.Line("    blocks: " + BlockLayoutName(plan.Blocks) + ",");
        w.Line("    automaticPrecision: " + (plan.AutomaticPrecision ? "true" : "false") + ",");
        w.Line("    hiddenWidths: " + IntArray(plan.HiddenWidths) + ",");
        w.Line("    blockWidths: new int[][] { " + string.Join(", ", plan.BlockWidths.Select(IntArray)) + " },");
        w.Line("    negativeBlockWidths: new int[][] { " + string.Join(", ", plan.NegativeBlockWidths.Select(IntArray)) + " });");
        w.Close();
        w.Line();

        w.Line("/// <summary>The ticket: every kept weight with its coordinates in g (CSR per layer), once.</summary>");
        w.Open("internal static class TicketData");
        w.Line("internal static readonly global::SlthGen.Ticket Ticket = global::SlthGen.NetworkData.Ticket(");
        w.Line("    Data,");
        w.Line("    TargetData.Network,");
        w.Line("    new global::SlthGen.TicketSettings(" + Literals.Long(spec.Seed) + ", " + construction + ", new global::SlthGen.Precision(" + Literals.Int(spec.InitBits) + "), new global::SlthGen.Precision(" + Literals.Int(spec.TicketBits) + "))");
        w.Line("    {");
        w.Line("        HiddenPerInput = " + Literals.Int(spec.HiddenPerInput) + ",");
        w.Line("        Copies = " + Literals.Int(spec.Copies) + ",");
        w.Line("        Blocks = " + BlockLayoutName(spec.Blocks) + ",");
        w.Line("    },");
        w.Line("    Report.Info);");
        w.Line();
        if (c.Table)
        {
            w.Line("internal static readonly global::SlthGen.TicketProgram Program = global::SlthGen.TicketProgram.Create(Ticket);");
            w.Line();
        }

        var layers = c.Layers.Select(l => (System.Action<CompactWriter>)(cw => NetworkCodec.WriteTicketLayer(cw, l.GLayer, l.Rows, l.Columns, l.Relu, l.Shift, l.RowStart.ToArray(), l.ColumnIndices.ToArray(), l.Weights.ToArray()))).ToList();
        EmitBase64(w, NetworkCodec.EncodeTicket(layers));
        w.Close();
        w.Line();
        EmitTargetData(w, c);
    }

    private static string BlockLayoutName(int blocks) => "global::SlthGen.BlockLayout." + (blocks == 0 ? "Adaptive" : "Fixed");

    private static string IntArray(EquatableArray<int> values) => "new int[] { " + string.Join(", ", values.Select(x => Literals.Int(x))) + " }";

    /// <summary>
    /// The interpreted target (and its packed form, or its weights as int arrays, for the
    /// reference) on its own, so that the reference's first call does not decode the ticket.
    /// </summary>
    private static void EmitTargetData(SourceWriter w, Context c)
    {
        var spec = c.Spec;
        w.Line("/// <summary>The target as declared: weights and biases, once.</summary>");
        w.Open("internal static class TargetData");
        w.Line("internal static readonly global::SlthGen.TargetNetwork Network = global::SlthGen.NetworkData.Target(Data, new global::SlthGen.Precision(" + Literals.Int(spec.TargetBits) + "), new global::SlthGen.Precision(" + Literals.Int(spec.ActivationBits) + "), " + Literals.Long(spec.InputMin) + ", " + Literals.Long(spec.InputMax) + ");");
        w.Line();
        if (c.Plan.ReferenceFitsInt16)
        {
            w.Line("internal static readonly global::SlthGen.PackedTargetNetwork Packed = global::SlthGen.PackedTargetNetwork.Create(Network);");
            w.Line();
        }
        else
        {
            for (int i = 0; i < spec.Layers.Count; i++)
            {
                string k = Literals.Int(i + 1);
                w.Line("internal static readonly int[] W" + k + " = global::SlthGen.NetworkData.Int32Weights(Network, " + Literals.Int(i) + ");");
                if (spec.Layers[i].HasBiases)
                {
                    w.Line("internal static readonly int[] B" + k + " = global::SlthGen.NetworkData.Int32Biases(Network, " + Literals.Int(i) + ")!;");
                }
            }

            w.Line();
        }

        var layers = spec.Layers.Select(l => (l.Inputs, l.Outputs, (IReadOnlyList<long>)l.Weights.Select(x => (long)x).ToList(), l.HasBiases ? (IReadOnlyList<long>?)l.Biases.Select(x => (long)x).ToList() : null)).ToList();
        EmitBase64(w, NetworkCodec.EncodeTarget(layers));
        w.Close();
    }

    /// <summary>
    /// Compact data as a verbatim string of base64 lines: of the forms measured (array
    /// initialisers, u8 literals, a string decoded once) the fastest to compile by far, and it
    /// works at every language version. The decoder skips the line breaks.
    /// </summary>
    private static void EmitBase64(SourceWriter w, byte[] bytes)
    {
        w.Line("// " + Literals.Int(bytes.Length) + " bytes: NetworkCodec's compact form, base64.");
        w.Line("private const string Data = @\"");
        foreach (string line in CompactWriter.Base64Lines(bytes))
        {
            w.Raw(line);
        }

        w.Raw("\";");
    }
}
