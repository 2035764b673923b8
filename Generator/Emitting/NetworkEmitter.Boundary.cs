namespace SlthGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    /// <summary>
    /// A mixed kernel's first 32-bit layer, reading the 16-bit lanes of the last narrow layer
    /// directly (methods <c>W{k}_{p}</c>): each weight group adds up to <see cref="ChunkSize"/>
    /// of its inputs in 16 bits, where the overflow proof bounds such a sum, then widens the
    /// chunk into the group's two 32-bit halves (samples of the lower and the upper half of
    /// the vector). Against widening every input first: one 16-bit add per term instead of
    /// one 32-bit add per half, and no widened copy of the narrow layer in memory.
    /// </summary>
    private static void EmitBoundaryMethods(SourceWriter w, Context c)
    {
        int k = c.NarrowLayers;
        var layer = c.Live[k];
        int chunk = ChunkSize(c.Plan.Layers[k - 1].Int16OutputBound);
        var parts = c.Parts(k, boundary: true);
        for (int p = 0; p < parts.Count; p++)
        {
            var (start, end) = parts[p];
            if (p == 0)
            {
                w.Line("// M_" + Literals.Int(layer.GLayer) + " on 32-bit lanes from 16-bit inputs: sums of up to " + Literals.Int(chunk) + " inputs stay in 16 bits, then widen.");
            }

            w.Block($$"""
                private static void {{BoundaryMethod(k, p)}}<N, NL, T, L>(global::System.ReadOnlySpan<N> x, global::System.Span<T> lower, global::System.Span<T> upper)
                    where N : unmanaged
                    where NL : struct, global::SlthGen.INarrowLanes<N, T>
                    where T : unmanaged
                    where L : struct, global::SlthGen.ILanes<T>
                """);
            w.Open();
            bool anyTerm = TouchHighestSource(w, layer, start, end);

            w.Line("_ = lower[" + Literals.Int(end - 1) + "];");
            w.Line("_ = upper[" + Literals.Int(end - 1) + "];");
            w.Line(anyTerm ? "T lo, hi, sLo, sHi;" : "T lo, hi;");
            if (anyTerm)
            {
                w.Line("N s;");
            }

            for (int r = start; r < end; r++)
            {
                var row = layer.Rows[r];
                string initial = row.Constant == 0 ? "L.Zero" : "L.Create(" + Literals.Long(row.Constant) + ")";
                w.Line("lo = " + initial + ";");
                w.Line("hi = " + initial + ";");
                foreach (var group in row.Groups)
                {
                    for (int from = 0; from < group.Sources.Length; from += chunk)
                    {
                        int to = System.Math.Min(from + chunk, group.Sources.Length);
                        for (int e = from; e < to; e++)
                        {
                            string read = "x[" + Literals.Int(group.Sources[e]) + "]";
                            w.Line(e == from ? "s = " + read + ";" : "s = NL.Add(s, " + read + ");");
                        }

                        w.Line(from == 0 ? "sLo = NL.WidenLower(s);" : "sLo = L.Add(sLo, NL.WidenLower(s));");
                        w.Line(from == 0 ? "sHi = NL.WidenUpper(s);" : "sHi = L.Add(sHi, NL.WidenUpper(s));");
                    }

                    w.Line(LanesDialect.Scaled("lo", "sLo", group.Weight));
                    w.Line(LanesDialect.Scaled("hi", "sHi", group.Weight));
                }

                w.Line("lower[" + Literals.Int(r) + "] = " + LanesDialect.Stored("lo", layer.Relu, layer.Shift) + ";");
                w.Line("upper[" + Literals.Int(r) + "] = " + LanesDialect.Stored("hi", layer.Relu, layer.Shift) + ";");
            }

            w.Close();
            w.Line();
        }

    }

    private static string BoundaryMethod(int layer, int part) => "W" + Literals.Int(layer) + "_" + Literals.Int(part);

    /// <summary>How many values of magnitude at most <paramref name="bound"/> (≥ 0, ≤ 32,767) add up within int16.</summary>
    private static int ChunkSize(int bound) => bound == 0 ? short.MaxValue : short.MaxValue / bound;
}
