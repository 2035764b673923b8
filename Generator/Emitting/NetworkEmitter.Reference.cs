using System.Linq;

namespace SlthGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// The reference: the target network as declared, dense, with nothing clever:
    /// f(x) = [W_ℓ [σ(W_{ℓ-1} … [σ(W_1 x + c_1)]_γ …)]_γ]_γ. When the overflow proof puts weights,
    /// inputs and activations in int16 and sums in int32, it runs on the runtime's
    /// <c>PackedTargetNetwork</c> (16-bit multiply-add kernels, outputs in SIMD lanes); otherwise one
    /// dot product per neuron, 32-bit in System.Numerics.Vector lanes when the sums fit and the
    /// compilation has vectors, 64-bit scalar loops if not.
    /// </summary>
    private static void EmitReference(SourceWriter w, Context c)
    {
        EmitWeightArrays(w, c);
        if (c.Plan.ReferenceFitsInt16)
        {
            w.Line("private static void SlthGenReference(global::System.ReadOnlySpan<int> input, global::System.Span<int> output) => SlthGenTarget.Packed.EvaluateUnchecked(input, output);");
            w.Line();
            w.Line("private static void SlthGenReferenceBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs) => SlthGenTarget.Packed.EvaluateBatchUnchecked(inputs, outputs);");
            w.Line();
            return;
        }

        w.Open("private static void SlthGenReferenceBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)");
        w.Open("for (int s = 0; s < inputs.Length / InputCount; s++)");
        w.Line("SlthGenReference(inputs.Slice(s * InputCount, InputCount), outputs.Slice(s * OutputCount, OutputCount));");
        w.Close();
        w.Close();
        w.Line();
        var layers = c.Spec.Layers;
        bool narrow = c.Features.HasVectors && !c.Plan.ReferenceNeedsLong;
        string type = narrow ? "int" : "long";
        w.Open("private static void SlthGenReference(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)");
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

            w.Line("SlthGenReferenceLayer(" + previous + ", " + next + ", s_w" + Literals.Int(i + 1) + ", " + (layer.HasBiases ? "s_b" + Literals.Int(i + 1) : "null") + ", relu: " + Literals.Bool(!last) + ");");
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
            w.Open("private static void SlthGenReferenceLayer(global::System.ReadOnlySpan<int> x, global::System.Span<int> y, int[] weights, int[]? biases, bool relu)");
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
            w.Open("private static void SlthGenReferenceLayer(global::System.ReadOnlySpan<long> x, global::System.Span<long> y, int[] weights, int[]? biases, bool relu)");
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

    private static void EmitWeightArrays(SourceWriter w, Context c)
    {
        var layers = c.Spec.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            Array(w, "s_w" + Literals.Int(i + 1), "int", layers[i].Weights.Select(x => (long)x).ToList(), asLong: false);
            if (layers[i].HasBiases)
            {
                Array(w, "s_b" + Literals.Int(i + 1), "int", layers[i].Biases.Select(x => (long)x).ToList(), asLong: false);
            }
        }
    }

    /// <summary>
    /// The data behind <c>Ticket</c>, <c>TargetNetwork</c> and <c>InterpretedTicket</c>, in a nested
    /// class so it is built on first use, not when the network type loads.
    /// </summary>
    private static void EmitData(SourceWriter w, Context c)
    {
        var spec = c.Spec;
        var plan = c.Plan;
        w.Open("private static class SlthGenData");
        for (int i = 0; i < plan.Layers.Count; i++)
        {
            var l = plan.Layers[i];
            string k = Literals.Int(i);
            Array(w, "s_g" + k + "_rows", "int", l.RowStart.Select(x => (long)x).ToList(), asLong: false);
            Array(w, "s_g" + k + "_columns", "int", l.ColumnIndices.Select(x => (long)x).ToList(), asLong: false);
            Array(w, "s_g" + k + "_weights", "int", l.Weights.Select(x => (long)x).ToList(), asLong: false);
        }

        w.Line("internal static readonly global::SlthGen.TicketInfo Info = new global::SlthGen.TicketInfo(");
        w.Line("    global::SlthGen.TicketConstruction." + (spec.Construction == 0 ? "Depth2L" : "DepthLPlus1") + ",");
        w.Line("    " + Literals.Long(spec.Seed) + ",");
        w.Line("    " + Literals.Int(spec.TargetBits) + ", " + Literals.Int(spec.InitBits) + ", " + Literals.Int(spec.TicketBits) + ", " + Literals.Int(spec.ActivationBits) + ",");
        w.Line("    new int[] { " + string.Join(", ", plan.HiddenPerInput.Select(x => Literals.Int(x))) + " },");
        w.Line("    new int[] { " + string.Join(", ", plan.Copies.Select(x => Literals.Int(x))) + " },");
        w.Line("    new int[] { " + Literals.Int(c.InputCount) + ", " + string.Join(", ", spec.Layers.Select(l => Literals.Int(l.Outputs))) + " },");
        w.Line("    " + Literals.Long(spec.Layers.Sum(l => (long)l.Inputs * l.Outputs)) + ",");
        w.Line("    " + Literals.Long(plan.GParameters) + ",");
        w.Line("    " + Literals.Long(plan.KeptParameters) + ",");
        w.Line("    " + Literals.Long(plan.InstancesSolved) + ");");
        w.Line();
        w.Line("internal static global::SlthGen.TargetNetwork Target => SlthGenTarget.Network;");
        w.Line();
        w.Line("internal static readonly global::SlthGen.Ticket InterpretedTicket = global::SlthGen.Ticket.FromLayers(");
        w.Line("    Target,");
        w.Line("    new global::SlthGen.TicketSettings(" + Literals.Long(spec.Seed) + ", global::SlthGen.TicketConstruction." + (spec.Construction == 0 ? "Depth2L" : "DepthLPlus1") + ", new global::SlthGen.Precision(" + Literals.Int(spec.InitBits) + "), new global::SlthGen.Precision(" + Literals.Int(spec.TicketBits) + "))");
        w.Line("    {");
        w.Line("        HiddenPerInput = " + Literals.Int(spec.HiddenPerInput) + ",");
        w.Line("        Copies = " + Literals.Int(spec.Copies) + ",");
        w.Line("    },");
        w.Line("    Info,");
        w.Line("    new global::SlthGen.TicketLayer[]");
        w.Line("    {");
        for (int i = 0; i < plan.Layers.Count; i++)
        {
            var l = plan.Layers[i];
            string k = Literals.Int(i);
            w.Line("        global::SlthGen.TicketLayer.Create(" + Literals.Int(l.GLayer) + ", " + Literals.Int(l.Rows) + ", " + Literals.Int(l.Columns) + ", " + Literals.Bool(l.Relu) + ", " + Literals.Int(l.Shift) + ", s_g" + k + "_rows, s_g" + k + "_columns, Longs(s_g" + k + "_weights)),");
        }

        w.Line("    });");
        w.Line();
        w.Open("internal static long[] Longs(int[] values)");
        w.Line("var result = new long[values.Length];");
        w.Open("for (int i = 0; i < values.Length; i++)");
        w.Line("result[i] = values[i];");
        w.Close();
        w.Line("return result;");
        w.Close();
        w.Close();
        w.Line();
        EmitTargetData(w, c);
    }

    /// <summary>
    /// The interpreted target (and its packed form for the reference) on its own, so that the
    /// reference's first call does not also rebuild the interpreted ticket.
    /// </summary>
    private static void EmitTargetData(SourceWriter w, Context c)
    {
        var spec = c.Spec;
        w.Open("private static class SlthGenTarget");
        w.Line("internal static readonly global::SlthGen.TargetNetwork Network = new global::SlthGen.TargetNetwork(");
        w.Line("    new global::SlthGen.TargetLayer[]");
        w.Line("    {");
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            var l = spec.Layers[i];
            w.Line("        new global::SlthGen.TargetLayer(" + Literals.Int(l.Inputs) + ", " + Literals.Int(l.Outputs) + ", SlthGenData.Longs(s_w" + Literals.Int(i + 1) + "), " + (l.HasBiases ? "SlthGenData.Longs(s_b" + Literals.Int(i + 1) + ")" : "null") + "),");
        }

        w.Line("    },");
        w.Line("    new global::SlthGen.Precision(" + Literals.Int(spec.TargetBits) + "),");
        w.Line("    new global::SlthGen.Precision(" + Literals.Int(spec.ActivationBits) + "),");
        w.Line("    " + Literals.Long(spec.InputMin) + ",");
        w.Line("    " + Literals.Long(spec.InputMax) + ");");
        w.Line();
        if (c.Plan.ReferenceFitsInt16)
        {
            w.Line("internal static readonly global::SlthGen.PackedTargetNetwork Packed = global::SlthGen.PackedTargetNetwork.Create(Network);");
        }

        w.Close();
    }
}
