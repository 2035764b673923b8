using System;
using System.Collections.Generic;
using System.Globalization;
using Google.Protobuf;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// Writes an integer ONNX model of a <see cref="TargetNetwork"/>: the peer a performance-minded user
/// would pick for integer inference. Every layer is <c>MatMulInteger</c> (uint8 activations × int8
/// weights, int32 sums: MLAS's u8s8 QGEMM) with an int32 epilogue, so ONNX Runtime computes exactly
/// the generated reference's integers for every input in the declared range.
/// </summary>
/// <remarks>
/// <para>
/// Input <c>x</c>: uint8 [N, d_0], the integer inputs minus InputMin (so any range of at most 256
/// values fits). Output <c>y</c>: int32 [N, d_ℓ], the outputs in units of γ. Weights are stored as
/// int8 [in][out]; the offset is folded into the bias: Σ w·x = Σ w·(x − lo) + lo·Σ w.
/// </para>
/// <para>
/// Epilogue: <c>Add</c> of the int32 bias c·2^m + lo·Σw (when not all zero). Hidden layers:
/// <c>Max(z, 0)</c> for σ, then <c>Div(·, 2^t)</c>: ONNX's integer Div truncates toward zero, which
/// is the floor for the non-negative values after σ. The last layer (no σ) adds K = 2^t·⌈B/2^t⌉,
/// B the proven bound on |z|, so the dividend is non-negative, and subtracts K/2^t after the Div:
/// ⌊(z + K)/2^t⌋ − K/2^t = ⌊z/2^t⌋ exactly because K is a multiple of 2^t.
/// </para>
/// <para>
/// Hidden activations that need more than 8 bits (784-500-10's reach 12,544) are split into byte
/// planes h = Σ_p 256^p·plane_p (plane_p = q_p − 256·q_{p+1}, q_{p+1} = q_p / 256, exact for q ≥ 0),
/// each plane a <c>MatMulInteger</c> against the same int8 weights, scaled by 256^p and added. The
/// builder proves every int32 intermediate in range from <see cref="OverflowAnalysis.Target"/>'s
/// bounds and refuses networks it cannot model exactly (<see cref="NotSupportedException"/>).
/// QLinearMatMul is not used: it requantizes to 8 bits with round-half-to-even, not the floor, and
/// the hidden ranges exceed 8 bits.
/// </para>
/// </remarks>
public static class OnnxIntegerModel
{
    private const int Uint8Type = 2; // TensorProto.DataType.UINT8
    private const int Int8Type = 3; // INT8
    private const int Int32Type = 6; // INT32

    /// <summary>The serialized ModelProto of <paramref name="target"/>.</summary>
    /// <param name="target">The target network.</param>
    /// <exception cref="NotSupportedException">The inputs span more than 256 values, a weight is not an int8, or an int32 intermediate is not proven in range.</exception>
    public static byte[] FromTarget(TargetNetwork target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.InputMax - target.InputMin > byte.MaxValue)
        {
            throw new NotSupportedException(Invariant($"The inputs span [{target.InputMin}, {target.InputMax}], more than the 256 values of a uint8 input."));
        }

        var bounds = OverflowAnalysis.Target(target);
        int m = target.Activation.Bits, t = target.TargetPrecision.Bits;
        var nodes = new List<byte[]>();
        var initializers = new List<byte[]>();
        var constants = new Dictionary<int, string>();
        int counter = 0;
        string Name(string stem) => stem + (++counter).ToString(CultureInfo.InvariantCulture);
        string Constant(int value)
        {
            if (!constants.TryGetValue(value, out string? name))
            {
                name = "c" + value.ToString(CultureInfo.InvariantCulture).Replace('-', 'm');
                initializers.Add(OnnxModel.RawTensor(name, Array.Empty<long>(), Int32Type, BitConverter.GetBytes(value)));
                constants[value] = name;
            }

            return name;
        }

        string Op(string opType, params string[] inputs)
        {
            string output = Name(opType.ToLowerInvariant());
            nodes.Add(OnnxModel.Node(opType, output, inputs, output));
            return output;
        }

        var planes = new List<string> { OnnxModel.InputName };
        decimal low = target.InputMin;
        for (int i = 0; i < target.Layers.Count; i++)
        {
            var layer = target.Layers[i];
            bool last = i == target.Layers.Count - 1;

            // W as int8 [in][out]; Σ|w| per output for the range proofs.
            var weights = new byte[layer.Inputs * layer.Outputs];
            var bias = new int[layer.Outputs];
            decimal maxAbsRow = 0;
            for (int k = 0; k < layer.Outputs; k++)
            {
                decimal sum = 0, abs = 0;
                for (int j = 0; j < layer.Inputs; j++)
                {
                    long w = layer.Weight(k, j);
                    if (w < sbyte.MinValue || w > sbyte.MaxValue)
                    {
                        throw new NotSupportedException(Invariant($"Layer {i + 1} has the weight {w}, beyond int8."));
                    }

                    weights[(j * layer.Outputs) + k] = unchecked((byte)(sbyte)w);
                    sum += w;
                    abs += Math.Abs(w);
                }

                bias[k] = (int)Proven((layer.Bias(k) * (decimal)(1L << m)) + (low * sum), i);
                maxAbsRow = Math.Max(maxAbsRow, abs);
            }

            string w8 = Name("W");
            initializers.Add(OnnxModel.RawTensor(w8, new long[] { layer.Inputs, layer.Outputs }, Int8Type, weights));

            // Σ_p 256^p · MatMulInteger(plane_p, W); each product and partial sum proven in int32.
            string z = string.Empty;
            for (int p = 0; p < planes.Count; p++)
            {
                decimal scale = (decimal)Math.Pow(256, p);
                Proven(maxAbsRow * byte.MaxValue * scale * (p + 1), i);
                string product = Op("MatMulInteger", planes[p], w8);
                if (p > 0)
                {
                    product = Op("Mul", product, Constant((int)scale));
                }

                z = p == 0 ? product : Op("Add", z, product);
            }

            if (Array.Exists(bias, b => b != 0))
            {
                string b32 = Name("b");
                var raw = new byte[bias.Length * sizeof(int)];
                Buffer.BlockCopy(bias, 0, raw, 0, raw.Length);
                initializers.Add(OnnxModel.RawTensor(b32, new long[] { layer.Outputs }, Int32Type, raw));
                z = Op("Add", z, b32);
            }

            int divisor = 1 << t;
            if (last)
            {
                // z is the layer's exact pre-activation sum, so |z| ≤ the proven bound.
                decimal k = Math.Ceiling(bounds[i].MaxAbsAccumulator / divisor) * divisor;
                Proven(bounds[i].MaxAbsAccumulator + k, i);
                string shifted = Op("Div", Op("Add", z, Constant((int)k)), Constant(divisor));
                nodes.Add(OnnxModel.Node("Sub", "floor_last", new[] { shifted, Constant((int)(k / divisor)) }, OnnxModel.OutputName));
                break;
            }

            string h = Op("Div", Op("Max", z, Constant(0)), Constant(divisor));
            low = bounds[i].OutputMin;
            decimal span = bounds[i].OutputMax - low;
            if (low != 0)
            {
                h = Op("Sub", h, Constant((int)Proven(low, i)));
            }

            planes = new List<string>();
            string q = h;
            for (decimal remaining = span; ; remaining = Math.Floor(remaining / 256))
            {
                if (remaining <= byte.MaxValue)
                {
                    planes.Add(Cast(q));
                    break;
                }

                string next = Op("Div", q, Constant(256));
                planes.Add(Cast(Op("Sub", q, Op("Mul", next, Constant(256)))));
                q = next;
            }
        }

        return OnnxModel.Serialize(nodes, initializers, Uint8Type, Int32Type, target);

        string Cast(string input)
        {
            string output = Name("cast");
            nodes.Add(CastNode(input, output, Uint8Type));
            return output;
        }
    }

    // NodeProto {input = 1, output = 2, name = 3, op_type = 4, attribute = 5: AttributeProto {name = 1, i = 3, type = 20 (INT = 2)}}.
    private static byte[] CastNode(string input, string output, int to)
    {
        byte[] attribute = OnnxModel.Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteString("to");
            s.WriteTag(3, WireFormat.WireType.Varint);
            s.WriteInt64(to);
            s.WriteTag(20, WireFormat.WireType.Varint);
            s.WriteInt32(2);
        });
        return OnnxModel.Node("Cast", output, new[] { input }, output, attribute);
    }

    private static decimal Proven(decimal value, int layer) => Math.Abs(value) <= int.MaxValue
        ? value
        : throw new NotSupportedException(Invariant($"Layer {layer + 1}: an int32 intermediate of the integer model can reach {value}."));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
