using System.Linq;

namespace SlthGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    private static void EmitTicket(SourceWriter w, Context c, ScalarDialect d)
    {
        int last = c.Terms.Length - 1;
        w.Line("/// <summary>");
        w.Line("/// The ticket without checks: the fast path behind <see cref=\"Evaluate\"/>. Wrong span lengths or inputs");
        w.Line("/// outside [InputMin, InputMax] are not detected and give meaningless results (the overflow proof");
        w.Line("/// covers only the declared range).");
        w.Line("/// </summary>");
        w.Open("public static void EvaluateUnchecked(global::System.ReadOnlySpan<int> input, global::System.Span<int> output)");
        EmitBuffers(w, c, d);
        for (int l = 0; l <= last; l++)
        {
            EmitLayerCalls(w, c, d, l, l == 0 ? "input" : "h" + Literals.Int(l - 1), l == last ? "output" : "h" + Literals.Int(l));
        }

        w.Close();
        w.Line();
        EmitLayerMethods(w, c, d);
    }

    private static void EmitVectorKernel(SourceWriter w, Context c, VectorDialect d)
    {
        int last = c.Terms.Length - 1;
        string bits = Literals.Int(d.Bits);
        w.Line("// " + Literals.Int(d.Lanes) + " samples at once, one per lane of " + d.Type + ".");
        w.Open("private static void SlthGenBatch" + bits + "(global::System.ReadOnlySpan<int> inputs, global::System.Span<int> outputs)");
        w.Line("global::System.Span<" + d.Type + "> x = stackalloc " + d.Type + "[InputCount];");
        w.Line("global::SlthGen.SampleLanes.ToLanes(inputs, x);");
        EmitBuffers(w, c, d);
        w.Line("global::System.Span<" + d.Type + "> y = stackalloc " + d.Type + "[OutputCount];");
        for (int l = 0; l <= last; l++)
        {
            EmitLayerCalls(w, c, d, l, l == 0 ? "x" : "h" + Literals.Int(l - 1), l == last ? "y" : "h" + Literals.Int(l));
        }

        w.Line("global::SlthGen.SampleLanes.FromLanes(y, outputs);");
        w.Close();
        w.Line();
        EmitLayerMethods(w, c, d);
    }

    private static void EmitBuffers(SourceWriter w, Context c, KernelDialect d)
    {
        for (int l = 0; l < c.Terms.Length - 1; l++)
        {
            string type = d.OutputType(l, last: false);
            int size = c.Terms[l].Rows.Count;
            string name = "h" + Literals.Int(l);
            if ((long)size * d.ElementBytes(l) <= StackBytes)
            {
                w.Line("global::System.Span<" + type + "> " + name + " = stackalloc " + type + "[" + Literals.Int(System.Math.Max(size, 1)) + "];");
            }
            else
            {
                string field = "t_" + d.Prefix + name;
                w.Line("global::System.Span<" + type + "> " + name + " = " + field + " ??= new " + type + "[" + Literals.Int(size) + "];");
            }
        }
    }

    private static void EmitLayerCalls(SourceWriter w, Context c, KernelDialect d, int layer, string input, string output)
    {
        string name = d.Prefix + Literals.Int(layer);
        if (c.Table[layer])
        {
            w.Line(name + "(" + input + ", " + output + ");");
            return;
        }

        int parts = c.Parts(layer).Count;
        for (int p = 0; p < parts; p++)
        {
            w.Line(name + "_" + Literals.Int(p) + "(" + input + ", " + output + ");");
        }
    }

    private static void EmitLayerMethods(SourceWriter w, Context c, KernelDialect d)
    {
        int last = c.Terms.Length - 1;
        for (int l = 0; l < last; l++)
        {
            string type = d.OutputType(l, last: false);
            if ((long)c.Terms[l].Rows.Count * d.ElementBytes(l) > StackBytes)
            {
                w.Line("[global::System.ThreadStatic]");
                w.Line("private static " + type + "[]? t_" + d.Prefix + "h" + Literals.Int(l) + ";");
                w.Line();
            }
        }

        for (int l = 0; l <= last; l++)
        {
            var terms = c.Terms[l];
            string signature = "(global::System.ReadOnlySpan<" + d.InputType(l) + "> x, global::System.Span<" + d.OutputType(l, l == last) + "> y)";
            string name = d.Prefix + Literals.Int(l);
            string store = d.Store(l, terms.Relu, terms.Shift, l == last);
            if (c.Table[l])
            {
                string t = "s_t" + Literals.Int(l);
                bool constants = terms.Rows.Any(r => r.Constant != 0);
                // As in the unrolled code, each row's terms are grouped by weight value: the inner
                // loop only adds inputs, and each group multiplies once.
                w.Line("// M_" + Literals.Int(terms.Layer.GLayer) + ": " + Literals.Int(terms.TermCount) + " kept weights, driven by the data tables " + t + "_* (rows → weight groups → sources).");
                w.Open("private static void " + name + signature);
                w.Line("int[] rows = " + t + "_rows;");
                w.Line("int[] groups = " + t + "_groups;");
                w.Line("int[] src = " + t + "_src;");
                w.Line("var w = " + t + "_w;");
                if (constants)
                {
                    w.Line("long[] constants = " + t + "_constants;");
                }

                w.Open("for (int r = 0; r < " + Literals.Int(terms.Rows.Count) + "; r++)");
                w.Line("var acc = " + d.TableInitial(l, constants) + ";");
                w.Open("for (int g = rows[r]; g < rows[r + 1]; g++)");
                w.Line("int e = groups[g], end = groups[g + 1];");
                w.Line(d.AccumulatorType(l) + " s = x[src[e]];");
                w.Open("for (e++; e < end; e++)");
                w.Line("s += x[src[e]];");
                w.Close();
                w.Line(d.TableGroup(l));
                w.Close();
                w.Line("y[r] = " + store + ";");
                w.Close();
                w.Close();
                w.Line();
                continue;
            }

            var parts = c.Parts(l);
            for (int p = 0; p < parts.Count; p++)
            {
                var (start, end) = parts[p];
                if (p == 0)
                {
                    w.Line("// M_" + Literals.Int(terms.Layer.GLayer) + ": " + Literals.Int(terms.TermCount) + " kept weights, one statement each.");
                }

                w.Open("private static void " + name + "_" + Literals.Int(p) + signature);

                // Touch the highest indices first: the JIT then drops the bounds check of every
                // constant index below them.
                int maxSource = -1;
                for (int r = start; r < end; r++)
                {
                    foreach (int source in terms.Rows[r].Sources)
                    {
                        maxSource = System.Math.Max(maxSource, source);
                    }
                }

                if (maxSource >= 0)
                {
                    w.Line("_ = x[" + Literals.Int(maxSource) + "];");
                }

                w.Line("_ = y[" + Literals.Int(end - 1) + "];");
                w.Line(d.AccumulatorType(l) + " acc;");
                if (terms.Rows.Skip(start).Take(end - start).Any(row => row.Weights.Length > 0))
                {
                    w.Line(d.AccumulatorType(l) + " s;");
                }

                for (int r = start; r < end; r++)
                {
                    var row = terms.Rows[r];
                    w.Line("acc = " + d.Initial(l, row.Constant) + ";");

                    // Kept weights take few distinct values (9 at δ = 2^-2): sum the inputs that
                    // share a weight, then multiply once. Exact, fewer multiplies, and every group
                    // is an independent chain of additions.
                    foreach (var group in Groups(row))
                    {
                        for (int e = 0; e < group.Sources.Count; e++)
                        {
                            w.Line((e == 0 ? "s = x[" : "s += x[") + Literals.Int(group.Sources[e]) + "];");
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

    /// <summary>A row's terms grouped by weight value, in ascending weight order (deterministic).</summary>
    private static System.Collections.Generic.IEnumerable<(int Weight, System.Collections.Generic.List<int> Sources)> Groups(LayerTerms.Row row)
    {
        var groups = new System.Collections.Generic.SortedDictionary<int, System.Collections.Generic.List<int>>();
        for (int e = 0; e < row.Weights.Length; e++)
        {
            if (!groups.TryGetValue(row.Weights[e], out var list))
            {
                groups[row.Weights[e]] = list = new System.Collections.Generic.List<int>();
            }

            list.Add(row.Sources[e]);
        }

        foreach (var pair in groups)
        {
            yield return (pair.Key, pair.Value);
        }
    }

    private static void EmitTables(SourceWriter w, Context c)
    {
        for (int l = 0; l < c.Terms.Length; l++)
        {
            if (!c.Table[l])
            {
                continue;
            }

            var terms = c.Terms[l];
            string t = "s_t" + Literals.Int(l);
            var rows = new long[terms.Rows.Count + 1];
            var groups = new System.Collections.Generic.List<long>();
            var sources = new System.Collections.Generic.List<long>();
            var weights = new System.Collections.Generic.List<long>();
            for (int r = 0; r < terms.Rows.Count; r++)
            {
                rows[r] = groups.Count;
                foreach (var group in Groups(terms.Rows[r]))
                {
                    groups.Add(sources.Count);
                    sources.AddRange(group.Sources.Select(s => (long)s));
                    weights.Add(group.Weight);
                }
            }

            rows[terms.Rows.Count] = groups.Count;
            groups.Add(sources.Count);
            long max = weights.Count == 0 ? 0 : weights.Max(x => System.Math.Abs(x));
            string weightType = max <= sbyte.MaxValue ? "sbyte" : max <= short.MaxValue ? "short" : "int";
            Array(w, t + "_rows", "int", rows, asLong: false);
            Array(w, t + "_groups", "int", groups, asLong: false);
            Array(w, t + "_src", "int", sources, asLong: false);
            Array(w, t + "_w", weightType, weights, asLong: false);
            if (terms.Rows.Any(r => r.Constant != 0))
            {
                Array(w, t + "_constants", "long", terms.Rows.Select(r => r.Constant).ToList(), asLong: true);
            }
        }
    }

    private static void Array(SourceWriter w, string name, string type, System.Collections.Generic.IReadOnlyList<long> values, bool asLong)
    {
        w.Open("private static readonly " + type + "[] " + name + " = new " + type + "[]");
        foreach (string line in Literals.Elements(values, asLong))
        {
            w.Line(line);
        }

        w.Close(";");
        w.Line();
    }
}
