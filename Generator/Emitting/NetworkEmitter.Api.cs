namespace SlthGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    /// <summary>The documented public members; everything else is in the implementation class.</summary>
    private static void EmitApi(SourceWriter w, Context c)
    {
        var spec = c.Spec;
        string m = Literals.Int(spec.ActivationBits);
        string impl = Implementation;
        string checks = "global::SlthGen.NetworkArguments";
        string range = "InputCount, OutputCount, InputMin, InputMax, " + m;
        w.Block($$"""
            /// <summary>d_0: the number of inputs, each an integer in units of 2^-{{m}}.</summary>
            public const int InputCount = {{Literals.Int(c.InputCount)}};

            /// <summary>d_ℓ: the number of outputs, each an integer in units of 2^-{{m}}.</summary>
            public const int OutputCount = {{Literals.Int(c.OutputCount)}};

            /// <summary>The smallest accepted input, in units of 2^-{{m}}.</summary>
            public const int InputMin = {{Literals.Int(spec.InputMin)}};

            /// <summary>The largest accepted input, in units of 2^-{{m}}.</summary>
            public const int InputMax = {{Literals.Int(spec.InputMax)}};

            /// <summary>The ticket's report: construction, widths, parameters, C and Theorem 3's bound.</summary>
            public static global::SlthGen.TicketInfo Ticket => {{impl}}.Report.Info;

            /// <summary>The target network as declared, interpreted (for checks and inspection).</summary>
            public static global::SlthGen.TargetNetwork TargetNetwork => {{impl}}.TargetData.Network;

            /// <summary>The ticket rebuilt from its kept weights, interpreted (for checks and export).</summary>
            public static global::SlthGen.Ticket InterpretedTicket => {{impl}}.TicketData.Ticket;

            /// <summary>The ticket: the pruned random network, computing exactly the target. Checks lengths and the input range.</summary>
            /// <exception cref="global::System.ArgumentException">A span has the wrong length.</exception>
            /// <exception cref="global::System.ArgumentOutOfRangeException">An input is outside [InputMin, InputMax].</exception>
            public static void Evaluate(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)
            {
                {{checks}}.CheckSample(input, output, {{range}});
                {{impl}}.Evaluate(input, output);
            }

            /// <summary>
            /// The ticket without checks: the fast path behind <see cref="Evaluate"/>. Wrong span lengths or inputs
            /// outside [InputMin, InputMax] are not detected and give meaningless results (the overflow proof
            /// covers only the declared range).
            /// </summary>
            public static void EvaluateUnchecked(global::System.ReadOnlySpan<int> input, global::System.Span<int> output) => {{impl}}.Evaluate(input, output);

            /// <summary>
            /// The target network, straightforwardly (the reference the ticket is proven equal to).
            /// Checks lengths and the input range.
            /// </summary>
            /// <exception cref="global::System.ArgumentException">A span has the wrong length.</exception>
            /// <exception cref="global::System.ArgumentOutOfRangeException">An input is outside [InputMin, InputMax].</exception>
            public static void EvaluateReference(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)
            {
                {{checks}}.CheckSample(input, output, {{range}});
                {{impl}}.Reference(input, output);
            }

            /// <summary>
            /// The ticket over many samples, laid out sample-major (sample s's inputs at [s·InputCount, (s+1)·InputCount)).
            /// {{(c.Features.HasVectors ? "Samples run in SIMD lanes (the widest of Vector512/256/128 accelerated here), the rest one by one." : "This compilation has no System.Runtime.Intrinsics vectors, so samples run one by one.")}}
            /// Checks lengths and the input range.
            /// </summary>
            /// <exception cref="global::System.ArgumentException">The lengths are not whole samples or do not match.</exception>
            /// <exception cref="global::System.ArgumentOutOfRangeException">An input is outside [InputMin, InputMax].</exception>
            public static void EvaluateBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)
            {
                {{checks}}.CheckBatch(inputs, outputs, {{range}});
                {{impl}}.EvaluateBatch(inputs, outputs);
            }

            /// <summary>
            /// The reference over many samples, laid out sample-major like <see cref="EvaluateBatch"/>.
            /// {{(c.Plan.ReferenceFitsInt16 ? "Runs on SlthGen.PackedTargetNetwork: 8- or 16-bit multiply-adds with outputs in SIMD lanes, several samples per pass over the weights." : "Runs the reference sample by sample (the overflow proof does not allow its 16-bit kernels here).")}}
            /// Checks lengths and the input range.
            /// </summary>
            /// <exception cref="global::System.ArgumentException">The lengths are not whole samples or do not match.</exception>
            /// <exception cref="global::System.ArgumentOutOfRangeException">An input is outside [InputMin, InputMax].</exception>
            public static void EvaluateReferenceBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)
            {
                {{checks}}.CheckBatch(inputs, outputs, {{range}});
                {{impl}}.ReferenceBatch(inputs, outputs);
            }

            /// <summary>Runs every check: kept weights are the seeded random weights, ticket == reference on the input domain, batch == scalar (ticket and reference).</summary>
            public static global::SlthGen.VerificationResult Verify() => global::SlthGen.GeneratedNetworkChecks.VerifyAll(InterpretedTicket, Evaluate, EvaluateReference, EvaluateBatch, EvaluateReferenceBatch);

            /// <summary>Ticket == reference == interpreted target == interpreted ticket on every input (≤ 2^20 points) or a seeded sample with every corner.</summary>
            public static global::SlthGen.VerificationResult VerifyTicket() => global::SlthGen.GeneratedNetworkChecks.VerifyTicket(InterpretedTicket, Evaluate, EvaluateReference);

            /// <summary>EvaluateBatch == Evaluate and EvaluateReferenceBatch == EvaluateReference, for batches of every size.</summary>
            public static global::SlthGen.VerificationResult VerifyBatch() => global::SlthGen.GeneratedNetworkChecks.VerifyBatches(InterpretedTicket, Evaluate, EvaluateBatch, EvaluateReference, EvaluateReferenceBatch);

            /// <summary>Every kept weight equals g's seeded random weight reduced to δ, re-derived by the runtime library.</summary>
            public static global::SlthGen.VerificationResult VerifyKeptWeights() => global::SlthGen.GeneratedNetworkChecks.VerifyKeptWeights(InterpretedTicket);

            """);
    }
}
