using System;
using System.Collections.Generic;
using System.IO;
using Google.Protobuf;

namespace SlthGen.InferenceBenchmarks;

/// <summary>
/// Writes a float32 ONNX model (a serialized <c>onnx.ModelProto</c>) of a <see cref="TargetNetwork"/>, so
/// that ONNX Runtime computes exactly the same function as the generated reference, in real units.
/// </summary>
/// <remarks>
/// <para>
/// Input <c>x</c>: float [N, d_0] (N a symbolic batch dimension) in real units, i.e. the integer inputs
/// times γ = 2^-ActivationBits. Output <c>y</c>: float [N, d_ℓ] in real units (×2^ActivationBits gives
/// the generated code's integers). Each layer is
/// <c>Gemm(a, Wᵀ·δt, c·δt)</c>, then <c>Relu</c> (hidden layers only), then the floor to γ as
/// <c>Mul(·, 2^m)</c>, <c>Floor</c>, <c>Mul(·, 2^-m)</c>. Weights are stored transposed ([in][out]) so
/// Gemm needs no attributes.
/// </para>
/// <para>
/// Exactness: inputs, weights and biases are small multiples of powers of two, so every product and
/// every partial sum is a multiple of 2^-(t+m) far below 2^24 of those units, hence exact in float32
/// whatever the summation order; scaling by powers of two and <c>Floor</c> are exact too. The
/// startup check in <see cref="ExactnessCheck"/> confirms it on the test images.
/// </para>
/// <para>
/// Field numbers are those of the public onnx.proto: ModelProto {ir_version = 1, graph = 7,
/// opset_import = 8}; OperatorSetIdProto {domain = 1, version = 2}; GraphProto {node = 1, name = 2,
/// initializer = 5, input = 11, output = 12}; NodeProto {input = 1, output = 2, name = 3, op_type = 4};
/// TensorProto {dims = 1, data_type = 2, float_data = 4 (packed), name = 8}; ValueInfoProto {name = 1,
/// type = 2}; TypeProto {tensor_type = 1}; TypeProto.Tensor {elem_type = 1, shape = 2};
/// TensorShapeProto {dim = 1}; Dimension {dim_value = 1, dim_param = 2}.
/// </para>
/// </remarks>
public static class OnnxModel
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "x";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "y";

    /// <summary>The IR version written (2021_7_30; ONNX Runtime 1.31 reads up to 11).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain opset imported (Gemm-13, Relu-13, Mul-13, Floor-13).</summary>
    public const long Opset = 13;

    internal const int FloatType = 1; // TensorProto.DataType.FLOAT

    /// <summary>The serialized ModelProto of <paramref name="target"/>.</summary>
    /// <param name="target">The target network (integer weights in units of δt = 2^-TargetBits).</param>
    public static byte[] FromTarget(TargetNetwork target)
    {
        ArgumentNullException.ThrowIfNull(target);
        float weightScale = MathF.Pow(2, -target.TargetPrecision.Bits);
        float up = MathF.Pow(2, target.Activation.Bits);
        float down = 1 / up;

        var initializers = new List<byte[]>
        {
            Tensor("up", Array.Empty<long>(), new[] { up }),
            Tensor("down", Array.Empty<long>(), new[] { down }),
        };
        var nodes = new List<byte[]>();
        string current = InputName;
        for (int i = 0; i < target.Layers.Count; i++)
        {
            var layer = target.Layers[i];
            bool last = i == target.Layers.Count - 1;
            string w = $"W{i + 1}";
            string b = $"b{i + 1}";

            // Wᵀ: [in][out], so Gemm(a [N,in], Wᵀ [in,out], b [out]) needs no transB attribute.
            var transposed = new float[layer.Inputs * layer.Outputs];
            for (int k = 0; k < layer.Outputs; k++)
            {
                for (int j = 0; j < layer.Inputs; j++)
                {
                    transposed[(j * layer.Outputs) + k] = layer.Weight(k, j) * weightScale;
                }
            }

            var bias = new float[layer.Outputs];
            for (int k = 0; k < layer.Outputs; k++)
            {
                bias[k] = layer.Bias(k) * weightScale;
            }

            initializers.Add(Tensor(w, new long[] { layer.Inputs, layer.Outputs }, transposed));
            initializers.Add(Tensor(b, new long[] { layer.Outputs }, bias));

            string z = $"z{i + 1}";
            nodes.Add(Node("Gemm", $"gemm{i + 1}", new[] { current, w, b }, z));
            if (!last)
            {
                nodes.Add(Node("Relu", $"relu{i + 1}", new[] { z }, $"r{i + 1}"));
                z = $"r{i + 1}";
            }

            string output = last ? OutputName : $"h{i + 1}";
            nodes.Add(Node("Mul", $"up{i + 1}", new[] { z, "up" }, $"s{i + 1}"));
            nodes.Add(Node("Floor", $"floor{i + 1}", new[] { $"s{i + 1}" }, $"f{i + 1}"));
            nodes.Add(Node("Mul", $"down{i + 1}", new[] { $"f{i + 1}", "down" }, output));
            current = output;
        }

        return Serialize(nodes, initializers, FloatType, FloatType, target);
    }

    /// <summary>A ModelProto (IR <see cref="IrVersion"/>, default opset <see cref="Opset"/>) over one graph with input x [N, d_0] and output y [N, d_ℓ].</summary>
    internal static byte[] Serialize(List<byte[]> nodes, List<byte[]> initializers, int inputType, int outputType, TargetNetwork target)
    {
        byte[] graph = Message(s =>
        {
            foreach (var node in nodes)
            {
                WriteMessage(s, 1, node);
            }

            s.WriteTag(2, WireFormat.WireType.LengthDelimited);
            s.WriteString("slthgen_target");
            foreach (var tensor in initializers)
            {
                WriteMessage(s, 5, tensor);
            }

            WriteMessage(s, 11, ValueInfo(InputName, target.InputCount, inputType));
            WriteMessage(s, 12, ValueInfo(OutputName, target.OutputCount, outputType));
        });

        byte[] opset = Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteString(string.Empty);
            s.WriteTag(2, WireFormat.WireType.Varint);
            s.WriteInt64(Opset);
        });

        return Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.Varint);
            s.WriteInt64(IrVersion);
            s.WriteTag(2, WireFormat.WireType.LengthDelimited);
            s.WriteString("SlthGen.InferenceBenchmarks");
            WriteMessage(s, 7, graph);
            WriteMessage(s, 8, opset);
        });
    }

    // NodeProto {input = 1, output = 2, name = 3, op_type = 4, attribute = 5}.
    internal static byte[] Node(string opType, string name, string[] inputs, string output, byte[]? attribute = null) => Message(s =>
    {
        foreach (string input in inputs)
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteString(input);
        }

        s.WriteTag(2, WireFormat.WireType.LengthDelimited);
        s.WriteString(output);
        s.WriteTag(3, WireFormat.WireType.LengthDelimited);
        s.WriteString(name);
        s.WriteTag(4, WireFormat.WireType.LengthDelimited);
        s.WriteString(opType);
        if (attribute is not null)
        {
            WriteMessage(s, 5, attribute);
        }
    });

    // TensorProto {dims = 1, data_type = 2, float_data = 4 (packed), name = 8}.
    private static byte[] Tensor(string name, long[] dims, float[] values) => Message(s =>
    {
        foreach (long d in dims)
        {
            s.WriteTag(1, WireFormat.WireType.Varint);
            s.WriteInt64(d);
        }

        s.WriteTag(2, WireFormat.WireType.Varint);
        s.WriteInt32(FloatType);
        s.WriteTag(4, WireFormat.WireType.LengthDelimited);
        s.WriteLength(values.Length * sizeof(float));
        foreach (float v in values)
        {
            s.WriteFloat(v);
        }

        s.WriteTag(8, WireFormat.WireType.LengthDelimited);
        s.WriteString(name);
    });

    // ValueInfoProto {name = 1, type = 2: TypeProto {tensor_type = 1: Tensor {elem_type = 1, shape = 2}}},
    // shape [N, width] with N a dim_param.
    private static byte[] ValueInfo(string name, int width, int elemType)
    {
        byte[] batch = Message(s =>
        {
            s.WriteTag(2, WireFormat.WireType.LengthDelimited);
            s.WriteString("N");
        });
        byte[] features = Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.Varint);
            s.WriteInt64(width);
        });
        byte[] shape = Message(s =>
        {
            WriteMessage(s, 1, batch);
            WriteMessage(s, 1, features);
        });
        byte[] tensorType = Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.Varint);
            s.WriteInt32(elemType);
            WriteMessage(s, 2, shape);
        });
        byte[] type = Message(s => WriteMessage(s, 1, tensorType));
        return Message(s =>
        {
            s.WriteTag(1, WireFormat.WireType.LengthDelimited);
            s.WriteString(name);
            WriteMessage(s, 2, type);
        });
    }

    // TensorProto {dims = 1, data_type = 2, name = 8, raw_data = 9 (little-endian values)}.
    internal static byte[] RawTensor(string name, long[] dims, int dataType, byte[] raw) => Message(s =>
    {
        foreach (long d in dims)
        {
            s.WriteTag(1, WireFormat.WireType.Varint);
            s.WriteInt64(d);
        }

        s.WriteTag(2, WireFormat.WireType.Varint);
        s.WriteInt32(dataType);
        s.WriteTag(8, WireFormat.WireType.LengthDelimited);
        s.WriteString(name);
        s.WriteTag(9, WireFormat.WireType.LengthDelimited);
        s.WriteBytes(ByteString.CopyFrom(raw));
    });

    // A length-delimited field holding an already serialized message.
    internal static void WriteMessage(CodedOutputStream s, int field, byte[] message)
    {
        s.WriteTag(field, WireFormat.WireType.LengthDelimited);
        s.WriteBytes(ByteString.CopyFrom(message));
    }

    internal static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var stream = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(stream);
            stream.Flush();
        }

        return buffer.ToArray();
    }
}
