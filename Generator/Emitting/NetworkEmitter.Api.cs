using SlthGen.Generator.Model;

namespace SlthGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    private static void EmitApi(SourceWriter w, Context c)
    {
        var spec = c.Spec;
        string m = Literals.Int(spec.ActivationBits);
        w.Line("/// <summary>d_0: the number of inputs, each an integer in units of 2^-" + m + ".</summary>");
        w.Line("public const int InputCount = " + Literals.Int(c.InputCount) + ";");
        w.Line();
        w.Line("/// <summary>d_ℓ: the number of outputs, each an integer in units of 2^-" + m + ".</summary>");
        w.Line("public const int OutputCount = " + Literals.Int(c.OutputCount) + ";");
        w.Line();
        w.Line("/// <summary>The smallest accepted input, in units of 2^-" + m + ".</summary>");
        w.Line("public const int InputMin = " + Literals.Int(spec.InputMin) + ";");
        w.Line();
        w.Line("/// <summary>The largest accepted input, in units of 2^-" + m + ".</summary>");
        w.Line("public const int InputMax = " + Literals.Int(spec.InputMax) + ";");
        w.Line();
        w.Line("/// <summary>The ticket's report: construction, widths, parameters, C and Theorem 3's bound.</summary>");
        w.Line("public static global::SlthGen.TicketInfo Ticket => SlthGenData.Info;");
        w.Line();
        w.Line("/// <summary>The target network as declared, interpreted (for checks and inspection).</summary>");
        w.Line("public static global::SlthGen.TargetNetwork TargetNetwork => SlthGenData.Target;");
        w.Line();
        w.Line("/// <summary>The ticket rebuilt from its kept weights, interpreted (for checks and export).</summary>");
        w.Line("public static global::SlthGen.Ticket InterpretedTicket => SlthGenData.InterpretedTicket;");
        w.Line();

        w.Line("/// <summary>The ticket: the pruned random network, computing exactly the target. Checks lengths and the input range.</summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">An input is outside [InputMin, InputMax].</exception>");
        w.Open("public static void Evaluate(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)");
        w.Line("SlthGenCheck(input, output);");
        w.Line("EvaluateUnchecked(input, output);");
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// The target network, straightforwardly (the reference the ticket is proven equal to).");
        w.Line("/// Checks lengths and the input range.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">An input is outside [InputMin, InputMax].</exception>");
        w.Open("public static void EvaluateReference(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)");
        w.Line("SlthGenCheck(input, output);");
        w.Line("SlthGenReference(input, output);");
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// The ticket over many samples, laid out sample-major (sample s's inputs at [s·InputCount, (s+1)·InputCount)).");
        w.Line(c.Features.HasVectors
            ? "/// Samples run in SIMD lanes (the widest of Vector512/256/128 accelerated here), the rest one by one."
            : "/// This compilation has no System.Runtime.Intrinsics vectors, so samples run one by one.");
        w.Line("/// Checks lengths and the input range.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not whole samples or do not match.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">An input is outside [InputMin, InputMax].</exception>");
        w.Open("public static void EvaluateBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)");
        w.Line("int count = SlthGenCheckBatch(inputs, outputs);");
        w.Line("int s = 0;");
        if (c.Features.HasVectors)
        {
            foreach (int bits in new[] { 512, 256, 128 })
            {
                var d = new VectorDialect(bits, c.LongLanes);
                string lanes = Literals.Int(d.Lanes);
                w.Open("if (" + d.Vector + ".IsHardwareAccelerated)");
                w.Open("for (; s + " + lanes + " <= count; s += " + lanes + ")");
                w.Line("SlthGenBatch" + Literals.Int(bits) + "(inputs.Slice(s * InputCount, " + lanes + " * InputCount), outputs.Slice(s * OutputCount, " + lanes + " * OutputCount));");
                w.Close();
                w.Close();
            }
        }

        w.Open("for (; s < count; s++)");
        w.Line("EvaluateUnchecked(inputs.Slice(s * InputCount, InputCount), outputs.Slice(s * OutputCount, OutputCount));");
        w.Close();
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line("/// The reference over many samples, laid out sample-major like <see cref=\"EvaluateBatch\"/>.");
        w.Line(c.Plan.ReferenceFitsInt16
            ? "/// Runs on SlthGen.PackedTargetNetwork: 16-bit multiply-adds with outputs in SIMD lanes, four samples per pass over the weights."
            : "/// Runs the reference sample by sample (the overflow proof does not allow its 16-bit kernels here).");
        w.Line("/// Checks lengths and the input range.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The lengths are not whole samples or do not match.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">An input is outside [InputMin, InputMax].</exception>");
        w.Open("public static void EvaluateReferenceBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)");
        w.Line("SlthGenCheckBatch(inputs, outputs);");
        w.Line("SlthGenReferenceBatch(inputs, outputs);");
        w.Close();
        w.Line();

        w.Line("/// <summary>Runs every check: kept weights are the seeded random weights, ticket == reference on the input domain, batch == scalar (ticket and reference).</summary>");
        w.Line("public static global::SlthGen.VerificationResult Verify() => global::SlthGen.GeneratedNetworkChecks.VerifyAll(InterpretedTicket, Evaluate, EvaluateReference, EvaluateBatch, EvaluateReferenceBatch);");
        w.Line();
        w.Line("/// <summary>Ticket == reference == interpreted target == interpreted ticket on every input (≤ 2^20 points) or a seeded sample with every corner.</summary>");
        w.Line("public static global::SlthGen.VerificationResult VerifyTicket() => global::SlthGen.GeneratedNetworkChecks.VerifyTicket(InterpretedTicket, Evaluate, EvaluateReference);");
        w.Line();
        w.Line("/// <summary>EvaluateBatch == Evaluate and EvaluateReferenceBatch == EvaluateReference, for batches of every size.</summary>");
        w.Line("public static global::SlthGen.VerificationResult VerifyBatch() => global::SlthGen.GeneratedNetworkChecks.VerifyBatches(InterpretedTicket, Evaluate, EvaluateBatch, EvaluateReference, EvaluateReferenceBatch);");
        w.Line();
        w.Line("/// <summary>Every kept weight equals g's seeded random weight reduced to δ, re-derived by the runtime library.</summary>");
        w.Line("public static global::SlthGen.VerificationResult VerifyKeptWeights() => global::SlthGen.GeneratedNetworkChecks.VerifyKeptWeights(InterpretedTicket);");
        w.Line();

        w.Open("private static void SlthGenCheck(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)");
        w.Open("if (input.Length != InputCount)");
        w.Line("throw new global::System.ArgumentException(\"The network has \" + InputCount + \" inputs; the input span has \" + input.Length + \".\", nameof(input));");
        w.Close();
        w.Open("if (output.Length != OutputCount)");
        w.Line("throw new global::System.ArgumentException(\"The network has \" + OutputCount + \" outputs; the output span has \" + output.Length + \".\", nameof(output));");
        w.Close();
        w.Line("int j = SlthGenFirstOutOfRange(input);");
        w.Open("if (j >= 0)");
        w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(input), input[j], \"input[\" + j + \"] is outside [\" + InputMin + \", \" + InputMax + \"] (units of 2^-" + m + ").\");");
        w.Close();
        w.Close();
        w.Line();

        w.Line("/// <summary>The checks of the batch entry points; returns the number of samples.</summary>");
        w.Open("private static int SlthGenCheckBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)");
        w.Open("if (inputs.Length % InputCount != 0)");
        w.Line("throw new global::System.ArgumentException(\"inputs holds \" + inputs.Length + \" values, not a whole number of samples of \" + InputCount + \".\", nameof(inputs));");
        w.Close();
        w.Line("int count = inputs.Length / InputCount;");
        w.Open("if (outputs.Length != count * OutputCount)");
        w.Line("throw new global::System.ArgumentException(\"outputs needs \" + (count * OutputCount) + \" values for \" + count + \" samples; it has \" + outputs.Length + \".\", nameof(outputs));");
        w.Close();
        w.Line("int i = SlthGenFirstOutOfRange(inputs);");
        w.Open("if (i >= 0)");
        w.Line("throw new global::System.ArgumentOutOfRangeException(nameof(inputs), inputs[i], \"inputs[\" + i + \"] (sample \" + (i / InputCount) + \", input \" + (i % InputCount) + \") is outside [\" + InputMin + \", \" + InputMax + \"].\");");
        w.Close();
        w.Line("return count;");
        w.Close();
        w.Line();

        w.Line("/// <summary>The index of the first value outside [InputMin, InputMax], or -1.</summary>");
        w.Open("private static int SlthGenFirstOutOfRange(global::System.ReadOnlySpan<int> values)");
        w.Line("int i = 0;");
        if (c.Features.HasVectors)
        {
            // Whole vectors first (the check runs on every input of every call); the first vector
            // with a value out of range falls through to the scalar loop, which finds the index.
            string vector = "global::System.Numerics.Vector<int>";
            w.Open("if (global::System.Numerics.Vector.IsHardwareAccelerated)");
            w.Line("var min = new " + vector + "(InputMin);");
            w.Line("var max = new " + vector + "(InputMax);");
            w.Open("for (; i <= values.Length - " + vector + ".Count; i += " + vector + ".Count)");
            w.Line("var v = new " + vector + "(values.Slice(i));");
            w.Open("if (global::System.Numerics.Vector.LessThanAny(v, min) || global::System.Numerics.Vector.GreaterThanAny(v, max))");
            w.Line("break;");
            w.Close();
            w.Close();
            w.Close();
        }

        w.Open("for (; i < values.Length; i++)");
        w.Open("if (values[i] < InputMin || values[i] > InputMax)");
        w.Line("return i;");
        w.Close();
        w.Close();
        w.Line("return -1;");
        w.Close();
        w.Line();
    }
}
