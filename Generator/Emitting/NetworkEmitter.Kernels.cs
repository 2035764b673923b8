namespace SlthGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// The ticket's entry points inside the implementation class: the runtime's table kernels for
    /// large tickets; otherwise unrolled code, one text generic over the lane type where the
    /// compilation has SIMD vectors (net8.0+), plain scalar code where it has not.
    /// </summary>
    private static void EmitTicket(SourceWriter w, Context c)
    {
        if (c.Table)
        {
            w.Block("""
                // Above SlthGen_TableThreshold: the runtime's table kernels run the ticket from its data.
                internal static void Evaluate(global::System.ReadOnlySpan<int> input, global::System.Span<int> output) => TicketData.Program.EvaluateUnchecked(input, output);

                internal static void EvaluateBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs) => TicketData.Program.EvaluateBatchUnchecked(inputs, outputs);

                """);
            return;
        }

        if (c.Features.HasVectors)
        {
            EmitGenericKernel(w, c);
        }
        else
        {
            EmitScalarKernel(w, c);
        }

        EmitLayerMethods(w, c, c.Features.HasVectors ? new LanesDialect() : new ScalarDialect(c.Plan));
        if (c.NarrowLayers > 0 && c.NarrowLayers < c.Live.Length)
        {
            EmitBoundaryMethods(w, c);
        }
    }

    private static void EmitGenericKernel(SourceWriter w, Context c)
    {
        bool mixed = c.NarrowLayers > 0;
        w.Block($$"""
            internal static void Evaluate(global::System.ReadOnlySpan<int> input, global::System.Span<int> output) => global::SlthGen.KernelDriver.Evaluate<Kernel>(input, output);

            internal static void EvaluateBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs) => global::SlthGen.KernelDriver.{{(mixed ? "EvaluateBatchMixed" : "EvaluateBatch")}}<Kernel>(inputs, outputs);

            """);
        w.Line("/// <summary>The unrolled ticket, one text for every lane type (KernelDriver picks one sample or the widest SIMD vector).</summary>");
        w.Open("private readonly struct Kernel : global::SlthGen." + (mixed ? "IMixedTicketKernel" : "ITicketKernel"));
        w.Block($$"""
            public static int InputCount => {{Literals.Int(c.InputCount)}};

            public static int OutputCount => {{Literals.Int(c.OutputCount)}};

            public static bool LongLanes => {{Literals.Bool(c.LongLanes)}};

            public static void Run<T, L>(global::System.ReadOnlySpan<T> x, global::System.Span<T> y)
                where T : unmanaged
                where L : struct, global::SlthGen.ILanes<T>
            """);
        w.Open();
        EmitLayerCalls(w, c, new LanesDialect(), "x", "y", 0, c.Live.Length);
        w.Close();
        if (mixed)
        {
            EmitMixedRun(w, c);
        }

        w.Close();
        w.Line();
    }

    /// <summary>
    /// Batches of a ticket whose leading layers keep every sum in int16 (PlanLayer.Int16Sums): those
    /// layers on 16-bit lanes N (twice the samples per vector); the next layer reads them and
    /// writes both halves on the 32-bit lanes T (its own methods); the remaining layers run once
    /// per half. The other layer methods are the same generic texts as <c>Run</c>'s, called with
    /// other lane types.
    /// </summary>
    private static void EmitMixedRun(SourceWriter w, Context c)
    {
        int k = c.NarrowLayers, count = c.Live.Length;
        string boundary = "h" + Literals.Int(k - 1);
        w.Line();
        w.Block($$"""
            public static int NarrowLayers => {{Literals.Int(k)}};

            public static void RunMixed<N, NL, T, L>(global::System.ReadOnlySpan<N> x, global::System.Span<T> lower, global::System.Span<T> upper)
                where N : unmanaged
                where NL : struct, global::SlthGen.INarrowLanes<N, T>
                where T : unmanaged
                where L : struct, global::SlthGen.ILanes<T>
            """);
        w.Open();
        var narrow = new LanesDialect("N", "NL");
        w.Line(narrow.Buffer(k - 1, c.Live[k - 1].Rows.Count, StackBytes));
        EmitLayerCalls(w, c, narrow, "x", boundary, 0, k);
        if (k == count)
        {
            w.Line("global::SlthGen.KernelDriver.Widen<N, NL, T>(" + boundary + ", lower, upper);");
            w.Close();
            return;
        }

        // Layer k reads the 16-bit values and writes both 32-bit halves (EmitBoundaryMethods);
        // the layers after it run once per half.
        var parts = c.Parts(k, boundary: true);
        if (k == count - 1)
        {
            for (int p = 0; p < parts.Count; p++)
            {
                w.Line(BoundaryMethod(k, p) + "<N, NL, T, L>(" + boundary + ", lower, upper);");
            }

            w.Close();
            return;
        }

        // Slots past every hidden layer's: the wide halves live while the wide layers run.
        string rows = Literals.Int(System.Math.Max(c.Live[k].Rows.Count, 1));
        w.Line("global::System.Span<T> wideLower = global::SlthGen.KernelScratch<T>.Get(" + Literals.Int(count) + ", " + rows + ");");
        w.Line("global::System.Span<T> wideUpper = global::SlthGen.KernelScratch<T>.Get(" + Literals.Int(count + 1) + ", " + rows + ");");
        for (int p = 0; p < parts.Count; p++)
        {
            w.Line(BoundaryMethod(k, p) + "<N, NL, T, L>(" + boundary + ", wideLower, wideUpper);");
        }

        w.Block("""
            RunWide<T, L>(wideLower, lower);
            RunWide<T, L>(wideUpper, upper);
            """);
        w.Close();
        w.Line();
        w.Block("""
            private static void RunWide<T, L>(global::System.ReadOnlySpan<T> x, global::System.Span<T> y)
                where T : unmanaged
                where L : struct, global::SlthGen.ILanes<T>
            """);
        w.Open();
        EmitLayerCalls(w, c, new LanesDialect(), "x", "y", k + 1, count);
        w.Close();
    }

    private static void EmitScalarKernel(SourceWriter w, Context c)
    {
        w.Open("internal static void Evaluate(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)");
        EmitLayerCalls(w, c, new ScalarDialect(c.Plan), "input", "output", 0, c.Live.Length);
        w.Close();
        w.Line();
        w.Block("""
            internal static void EvaluateBatch(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)
            {
                for (int s = 0; s < inputs.Length / InputCount; s++)
                {
                    Evaluate(inputs.Slice(s * InputCount, InputCount), outputs.Slice(s * OutputCount, OutputCount));
                }
            }

            """);
    }

    /// <summary>Hidden buffers, then one call per emitted method of layers [from, to): layer from reads input, layer to − 1 writes output.</summary>
    private static void EmitLayerCalls(SourceWriter w, Context c, KernelDialect d, string input, string output, int from, int to)
    {
        int last = to - 1;
        for (int l = from; l < last; l++)
        {
            w.Line(d.Buffer(l, c.Live[l].Rows.Count, StackBytes));
        }

        for (int l = from; l <= last; l++)
        {
            string x = l == from ? input : "h" + Literals.Int(l - 1);
            string y = l == last ? output : "h" + Literals.Int(l);
            for (int p = 0; p < c.Parts(l).Count; p++)
            {
                w.Line(d.Call("L" + Literals.Int(l) + "_" + Literals.Int(p), x, y));
            }
        }
    }

    private static void EmitLayerMethods(SourceWriter w, Context c, KernelDialect d)
    {
        int last = c.Live.Length - 1;
        for (int l = 0; l <= last; l++)
        {
            var layer = c.Live[l];
            var parts = c.Parts(l);
            for (int p = 0; p < parts.Count; p++)
            {
                var (start, end) = parts[p];
                if (p == 0)
                {
                    w.Line("// M_" + Literals.Int(layer.GLayer) + ": " + Literals.Int(layer.TermCount) + " terms, one statement each, grouped by weight value"
                        + (layer.SharedRows == 0 ? "." : "; " + Literals.Int(layer.Rows.Count) + " neurons computed, " + Literals.Int(layer.SharedRows) + " identical ones read their values."));
                }

                w.Open(d.Signature("L" + Literals.Int(l) + "_" + Literals.Int(p), l, l == last));

                bool anyTerm = TouchHighestSource(w, layer, start, end);

                w.Line("_ = y[" + Literals.Int(end - 1) + "];");
                w.Line(d.Declare(l, anyTerm));
                string store = d.Store(l, layer.Relu, layer.Shift, l == last);
                for (int r = start; r < end; r++)
                {
                    var row = layer.Rows[r];
                    w.Line("acc = " + d.Initial(l, row.Constant) + ";");

                    // Kept weights take few distinct values (9 at δ = 2^-2): sum the inputs that
                    // share a weight, then multiply once. Exact, fewer multiplies, and every group
                    // is an independent chain of additions.
                    foreach (var group in row.Groups)
                    {
                        for (int e = 0; e < group.Sources.Length; e++)
                        {
                            w.Line(e == 0 ? "s = x[" + Literals.Int(group.Sources[e]) + "];" : d.AddInput(group.Sources[e]));
                        }

                        w.Line(d.AddScaled(l, group.Weight));
                    }

                    w.Line("y[" + Literals.Int(r) + "] = " + store + ";");
                }

                w.Close();
                w.Line();
            }
        }
    }

    /// <summary>
    /// Writes <c>_ = x[highest source];</c> for rows [start, end): the JIT then drops the bounds
    /// check of every constant index below it. Returns whether the rows have any term.
    /// </summary>
    private static bool TouchHighestSource(SourceWriter w, LiveLayer layer, int start, int end)
    {
        int maxSource = -1;
        bool anyTerm = false;
        for (int r = start; r < end; r++)
        {
            foreach (var group in layer.Rows[r].Groups)
            {
                anyTerm = true;
                foreach (int source in group.Sources)
                {
                    maxSource = System.Math.Max(maxSource, source);
                }
            }
        }

        if (maxSource >= 0)
        {
            w.Line("_ = x[" + Literals.Int(maxSource) + "];");
        }

        return anyTerm;
    }
}
